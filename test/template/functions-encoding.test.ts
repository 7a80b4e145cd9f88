// Sprig's encodings, JSON, regular expressions and digests through Ferry's executor, compared with
// Go's text/template + Sprig.
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = {
  password: 'hunter2',
  encoded: 'aGVsbG8gd29ybGQ=',
  binary: '/w==',
  config: '{"db":{"host":"h","port":5432},"tags":["a","b"],"ratio":0.5,"big":1e21,"none":null}',
  dockerUser: 'robot',
  dockerToken: 's3cr3t',
  email: 'a@example.com',
};

describeDifferential(
  'sprig encodings',
  [
    sprig(
      '{{ .password | b64enc }}|{{ .encoded | b64dec }}|{{ "aGVs\\nbG8=" | b64dec }}|{{ "YQ" | b64dec }}|{{ "%%%" | b64dec }}',
      data,
    ),
    sprig('{{ .binary | b64dec | b64enc }}|{{ .binary | b64dec | len }}', data),
    sprig(
      '{{ .password | b32enc }}|{{ .password | b32enc | b32dec }}|{{ "NB======" | b32dec }}|{{ "N" | b32dec }}',
      data,
    ),
    sprig(
      '{{ .password | sha1sum }}|{{ .password | sha256sum }}|{{ .password | sha512sum }}|{{ .password | adler32sum }}',
      data,
    ),
  ],
  functions,
);

describeDifferential(
  'sprig json',
  [
    sprig(
      '{{ .config | fromJson | toJson }}|{{ (.config | fromJson).db.port }}|{{ (.config | fromJson).big }}',
      data,
    ),
    sprig('{{ $c := .config | fromJson }}{{ range $k, $v := $c }}{{ $k }}={{ $v }};{{ end }}', data),
    sprig(
      '{{ toJson (dict "a" "<&>" "b" 1e6 "c" 1e-7 "d" 1e21 "e" 123456789.0 "g" (list) "h" nil "j" 0.1 "l" 5 "m" true) }}',
    ),
    sprig(
      '{{ toRawJson (dict "a" "<&>") }}|{{ toPrettyJson (dict "a" (list 1 (dict)) "b" (dict "c" (list))) }}|{{ toPrettyJson (list) }}',
    ),
    sprig('{{ fromJson "{" }}|{{ fromJson "[1,]" }}|{{ fromJson "\\"s\\"" }}'),
    sprig('{{ mustFromJson "{\\"a\\":1" }}'),
    sprig(
      '{"auths":{"registry.example":{"username":"{{ .dockerUser }}","password":"{{ .dockerToken }}","auth":"{{ printf "%s:%s" .dockerUser .dockerToken | b64enc }}"}}}',
      data,
    ),
    sprig(
      '{{ dict "auths" (dict "registry.example" (dict "auth" (printf "%s:%s" .dockerUser .dockerToken | b64enc) "email" .email)) | toJson }}',
      data,
    ),
  ],
  functions,
);

describeDifferential(
  'sprig regular expressions',
  [
    sprig(
      '{{ regexMatch "^[a-z0-9]+$" .password }} {{ regexMatch "(" "a" }} {{ regexFind "[0-9]+" .password }}',
      data,
    ),
    sprig(
      '{{ regexFindAll "a*" "baaac" -1 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}|{{ regexFindAll "" "abc" -1 }}',
    ),
    sprig(
      '{{ regexReplaceAll "(?P<first>\\\\w+) (\\\\w+)" "hello world" "${2}-$first-$1x-$$-${9}" }}|{{ regexReplaceAll "a*" "baaac" "<$0>" }}',
    ),
    sprig(
      '{{ regexReplaceAllLiteral "(a)" "aba" "$1" }}|{{ regexSplit "," "a,b,,c" -1 }}|{{ regexSplit "," "a,b,,c" 2 }}|{{ regexSplit "x*" "axbxxc" -1 }}',
    ),
    sprig(
      '{{ regexQuoteMeta "a.b*c[d]" }}|{{ regexFind "(?i)HUNTER" .password }}|{{ regexFind "\\\\pL+" "héllo1" }}',
      data,
    ),
    sprig('{{ mustRegexMatch "(" "a" }}', {}, { errorMatch: 'location' }),
    sprig('{{ regexFind "(" "abc" }}', {}, { errorMatch: 'location' }),
  ],
  functions,
);
