// How the executor checks and converts arguments against a function's Go signature (evalArg and
// validateType): constants converted to the parameter's type, computed values checked, arity errors.
// Go runs Sprig's real functions; Ferry runs the small stand-ins below, which declare Sprig's
// signatures and behave as Sprig does for the arguments used here.
import {
  GoMap,
  type FunctionMap,
  type FunctionSignature,
  type GoValue,
  type TemplateFunction,
} from '../../operator/template/index.ts';
import { describeDifferential, type DifferentialCase } from '../template-oracle/index.ts';

function signed(signature: FunctionSignature, fn: TemplateFunction): TemplateFunction {
  return Object.assign(fn, { signature });
}

const sprigStandIns: FunctionMap = new Map<string, TemplateFunction>([
  ['upper', signed({ parameters: ['string'] }, (text) => (text as string).toUpperCase())],
  [
    'repeat',
    signed({ parameters: ['int', 'string'] }, (count, text) => (text as string).repeat(Number(count))),
  ],
  [
    'ternary',
    signed({ parameters: ['interface {}', 'interface {}', 'bool'] }, (yes, no, test) => (test ? yes : no)),
  ],
  [
    'hasKey',
    signed(
      { parameters: ['map[string]interface {}', 'string'] },
      (map, key) => map instanceof GoMap && map.has(key as string),
    ),
  ],
  ['list', signed({ parameters: [], variadic: 'interface {}' }, (...items) => items)],
  [
    'dict',
    signed({ parameters: [], variadic: 'interface {}' }, (...pairs) => {
      const map = new GoMap();
      for (let index = 0; index < pairs.length; index += 2) {
        map.set(pairs[index] as string, index + 1 < pairs.length ? (pairs[index + 1] ?? null) : '');
      }
      return map;
    }),
  ],
  [
    'get',
    signed({ parameters: ['map[string]interface {}', 'string'] }, (map, key): GoValue =>
      map instanceof GoMap && map.has(key as string) ? (map.get(key as string) ?? null) : '',
    ),
  ],
  [
    'default',
    signed(
      { parameters: ['interface {}'], variadic: 'interface {}' },
      (fallback, ...given) => given[0] || fallback,
    ),
  ],
]);

const sprig = (template: string, jsonData: unknown = {}): DifferentialCase => ({
  name: 't',
  template,
  jsonData,
  funcs: 'sprig',
});
const eso = (template: string, data: Record<string, string> = {}): DifferentialCase => ({
  name: 't',
  template,
  data,
  funcs: 'sprig',
});

describeDifferential(
  'arguments against Go signatures',
  [
    sprig('{{ upper "abc" }} {{ "abc" | upper }}'),
    sprig('{{ upper 3 }}'),
    sprig('{{ upper true }}'),
    sprig('{{ upper nil }}'),
    sprig('{{ upper .n }}', { n: 1.5 }),
    sprig('{{ upper .n }}', { n: null }),
    sprig('{{ $x := .n }}{{ upper $x }}', { n: null }),
    sprig('{{ .n | upper }}', { n: null }),
    sprig('{{ 3 | upper }}'),
    sprig('{{ upper }}'),
    sprig('{{ upper "a" "b" }}'),
    sprig('{{ "a" | upper "b" }}'),
    sprig('{{ upper | len }}'),
    sprig('{{ print upper }}'),
    sprig('{{ print (upper "a") }}'),
    sprig('{{ repeat 3 "x" }} {{ repeat 3.0 "y" }} {{ repeat 0x2 "z" }} {{ repeat \'\\x02\' "w" }}'),
    sprig('{{ repeat 3.5 "x" }}'),
    sprig('{{ repeat "3" "x" }}'),
    sprig('{{ repeat 1e1 "x" }}'),
    sprig('{{ repeat (len "abc") "x" }}'),
    sprig('{{ repeat .n "x" }}', { n: 2 }),
    sprig('{{ "x" | repeat 2 }}'),
    sprig('{{ 2 | repeat "x" }}'),
    sprig('{{ repeat nil "x" }}'),
    sprig('{{ ternary "a" "b" true }} {{ ternary "a" "b" false }}'),
    sprig('{{ ternary "a" "b" "yes" }}'),
    sprig('{{ ternary "a" "b" 1 }}'),
    sprig('{{ ternary "a" "b" .s }}', { s: 'x' }),
    sprig('{{ ternary "a" "b" .t }}', { t: true }),
    sprig('{{ "x" | ternary "a" "b" }}'),
    sprig('{{ true | ternary "a" "b" }}'),
    sprig('{{ hasKey (dict "a" 1) "a" }} {{ hasKey (dict "a" 1) "b" }} {{ hasKey nil "a" }}'),
    sprig('{{ hasKey .m "k" }}', { m: { k: 'v' } }),
    sprig('{{ hasKey "x" "a" }}'),
    sprig('{{ hasKey (list 1) "a" }}'),
    eso('{{ hasKey . "a" }}', { a: 'b' }),
    eso('{{ get . "a" }}', { a: 'b' }),
    sprig('{{ get (dict "a" "b") "a" }} [{{ get (dict) "x" }}]'),
    sprig('{{ get (dict "n" nil) "n" }}'),
    sprig('{{ list 1 "a" nil 2.5 true }} {{ list }} {{ list (list 1 2) }}'),
    sprig('{{ (dict "a" "b").a }}'),
    sprig('{{ (dict "a" nil).a.b }}'),
    sprig('{{ (list 1).a }}'),
    sprig('{{ (dict).missing }}'),
    sprig('{{ range (list "x" "y") }}{{ . }}{{ end }}'),
    sprig('{{ range $k, $v := dict "b" 1 "a" 2 }}{{ $k }}{{ $v }}{{ end }}'),
    sprig('{{ default "d" "" }} {{ default "d" "x" }} {{ "" | default "d" }}'),
    sprig('{{ default }}'),
    sprig('{{ len (list 1 2 3) }} {{ index (list "a" "b") 1 }} {{ slice (list 1 2 3) 1 }}'),
    { ...sprig('{{ eq (list 1) (list 1) }}'), errorMatch: 'location' },
    sprig('{{ and (list) "x" }} {{ or (dict) "y" }}'),
  ],
  sprigStandIns,
);
