// `env` and `expandenv` are removed, as ESO removes them: a template that calls them does not parse,
// in Go (the oracle registers Sprig as ESO does) and in Ferry alike. (`getHostByName`, removed by
// ESO's newest releases and by Ferry, still resolves names in the oracle's Sprig, so it is not
// compared here; operator/template/functions/index.test.ts checks it is absent.)
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

describeDifferential(
  'functions removed on purpose',
  [
    sprig('{{ env "HOME" }}'),
    sprig('{{ expandenv "$HOME" }}'),
    sprig('{{ "x" | env }}'),
    sprig('{{ if false }}{{ env "PATH" }}{{ end }}'),
  ],
  functions,
);

describeDifferential(
  'printf over Sprig values',
  [
    sprig(
      '{{ printf "%v|%d|%s|%q|%x" (list 1 "a" nil) (list 1 2) (list "a" "b") (list "a" 1) (list "ab" 10) }}',
    ),
    sprig('{{ printf "%v|%+v|%#v" (dict "b" 2 "a" (list 1 (dict "c" nil))) (dict "a" 1) (dict "a" "x") }}'),
    // Not `(add 1 2)`: Go says int64, and the value model has one integer type (reported as int).
    sprig('{{ printf "%T|%T|%T" (list) (dict) (float64 "1.5") }}'),
    sprig(
      '{{ printf "%s:%s" "user" "pass" | b64enc }}|{{ printf "%05.1f|%-6d|%x" (float64 "3.14159") 42 "hi" }}',
    ),
    sprig('{{ print (list 1 2) "x" (dict) 3 nil }}|{{ println (list 1) "y" }}'),
    sprig('{{ (fromJson "{\\"n\\":1e6,\\"f\\":0.1,\\"i\\":3}") }}|{{ printf "%d" (fromJson "3") }}'),
  ],
  functions,
);
