// Sprig's defaults, type conversions, arithmetic and paths through Ferry's executor, compared
// with Go's text/template + Sprig.
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = {
  port: '5432',
  empty: '',
  ratio: '0.25',
  hex: '0x1F',
  flag: 'true',
  path: '/etc/ssl/certs/ca.pem',
};

describeDifferential(
  'sprig defaults and logic',
  [
    sprig(
      '{{ .empty | default "fallback" }}|{{ .port | default "80" }}|{{ default "d" 0 }}|{{ default "d" (list) }}|{{ default "d" false }}|{{ default "d" nil }}',
      data,
    ),
    sprig('{{ empty "" }} {{ empty 0.0 }} {{ empty (list 1) }} {{ empty (dict) }} {{ empty nil }}'),
    sprig(
      '{{ coalesce nil "" 0 "x" }}|{{ coalesce }}|{{ all 1 "a" }}|{{ all 1 "" }}|{{ any "" 0 }}|{{ any "" "y" }}',
    ),
    sprig('{{ ternary "yes" "no" true }}|{{ ternary "yes" "no" (eq .flag "true") }}', data),
    sprig('{{ if .empty }}set{{ else }}{{ fail "empty is required" }}{{ end }}', data),
    sprig('{{ default }}'),
  ],
  functions,
);

describeDifferential(
  'sprig conversions and arithmetic',
  [
    sprig(
      '{{ atoi .port }}|{{ atoi "x" }}|{{ atoi "99999999999999999999" }}|{{ int .hex }}|{{ int "010" }}|{{ int "1.0" }}|{{ int "1.5" }}|{{ int 3.9 }}',
      data,
    ),
    sprig(
      '{{ int64 "1_000" }}|{{ float64 .ratio }}|{{ float64 "inf" }}|{{ float64 "x" }}|{{ toDecimal "777" }}',
      data,
    ),
    sprig(
      '{{ typeOf 1 }}|{{ typeOf "a" }}|{{ typeOf 1.5 }}|{{ typeOf nil }}|{{ typeOf (list) }}|{{ typeOf (dict) }}|{{ typeOf . }}|{{ kindOf . }}|{{ kindIs "map" (dict) }}|{{ typeIs "string" "a" }}',
      data,
    ),
    sprig(
      '{{ add 1 "2" 3.7 true nil }}|{{ add1 "5" }}|{{ sub 10 3.5 }}|{{ mul 2 3 "4" }}|{{ div 7 2 }}|{{ div -7 2 }}|{{ mod -7 3 }}',
    ),
    sprig(
      '{{ max 1 "5" 3 }}|{{ min 4 -2 "x" }}|{{ maxf 1.5 "2.5" 3 }}|{{ minf 1.5 -2 }}|{{ floor 1.7 }}|{{ ceil 1.2 }}|{{ round 3.14159 2 }}|{{ round 2.5 0 }}|{{ round 3.14159 3 0.3 }}',
    ),
    sprig(
      '{{ addf 1.1 2.2 }}|{{ add1f 1.1 }}|{{ subf 1.5 0.1 }}|{{ mulf 1.1 3 }}|{{ divf 10 3 }}|{{ divf 2 3 }}',
    ),
    sprig('{{ div 1 0 }}'),
    sprig('{{ add 9223372036854775807 1 }}|{{ mul 4294967296 4294967296 }}'),
    sprig('{{ .port | atoi | add 1 }}|{{ len .port | mul 2 }}', data),
  ],
  functions,
);

describeDifferential(
  'sprig paths',
  [
    sprig(
      '{{ base .path }}|{{ dir .path }}|{{ ext .path }}|{{ isAbs .path }}|{{ clean "a//b/../c/./d/" }}|{{ base "" }}|{{ dir "abc" }}',
      data,
    ),
  ],
  functions,
);
