// Templates of the kind ESO's documentation and real manifests use, rendered by Go (text/template +
// Sprig, as ESO registers them) and by Ferry with its function map, compared byte for byte.
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = {
  username: 'robot$ci',
  password: 'p@ss"w0rd\\',
  registry: 'registry.example.com:5000',
  dburl: 'postgres://app:secret@db.internal:5432/app?sslmode=require',
  config: '{"host":"db","port":5432,"replicas":["a","b"],"tls":{"enabled":true},"ratio":0.75}',
  'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  'service-account-token': 'eyJhbGciOi.payload.sig',
  multiline: 'line one\nline two\n',
  user1: 'password1',
  user2: 'password2',
};

describeDifferential(
  'ESO-style templates',
  [
    sprig('{{ .dburl | replace "postgres://" "postgresql://" }}', data),
    sprig(
      'datasources:\n- name: Graphite\n  type: graphite\n  access: proxy\n  url: http://localhost:8080\n  password: "{{ .password }}"\n  user: "{{ .username }}"\n',
      data,
    ),
    sprig(
      '{"auths":{"{{ .registry }}":{"username":"{{ .username }}","password":"{{ .password }}","auth":"{{ printf "%s:%s" .username .password | b64enc }}"}}}',
      data,
    ),
    sprig(
      '{{ dict "auths" (dict .registry (dict "username" .username "password" .password "auth" (printf "%s:%s" .username .password | b64enc))) | toJson }}',
      data,
    ),
    sprig('{{- range $key, $value := (.config | fromJson) }}\n{{ $key }}={{ $value }}\n{{- end }}', data),
    sprig(
      '{{ $c := .config | fromJson }}host={{ $c.host }} port={{ $c.port }} first={{ first $c.replicas }} tls={{ $c.tls.enabled }} ratio={{ $c.ratio }}',
      data,
    ),
    sprig('{{ index . "service-account-token" }}|{{ index . "tls.crt" | b64enc }}', data),
    sprig('config:\n  key: |\n{{ .multiline | indent 4 }}\n  other: {{ .username | quote }}\n', data),
    sprig('spec:{{ .multiline | nindent 2 }}', data),
    sprig(
      '{{ .username | upper }}-{{ .username | lower | trunc 5 }}-{{ .username | sha256sum | trunc 8 }}',
      data,
    ),
    sprig(
      '{{ $parts := splitList ":" .registry }}{{ index $parts 0 }} {{ last $parts }} {{ len $parts }}',
      data,
    ),
    sprig('{{ regexReplaceAll "(?P<user>[^:]+):(?P<pass>[^@]+)@" .dburl "${user}:****@" }}', data),
    sprig(
      '{{ if hasPrefix "postgres" .dburl }}pg{{ else if contains "mysql" .dburl }}my{{ else }}?{{ end }}',
      data,
    ),
    sprig('{{ .missing | default "fallback" }}', data),
    sprig('{{ default "fallback" .empty }}', { empty: '' }),
    sprig('{{- range $u := list "user1" "user2" }}{{ $u }}:{{ index $ $u | b64enc }}\n{{ end -}}', data),
    sprig(
      '{{ printf "%q" .password }}|{{ .password | squote }}|{{ .password | toJson }}|{{ .password | toRawJson }}',
      data,
    ),
    sprig('{{ .config | fromJson | toPrettyJson }}', data),
    sprig('{{ ternary "tls" "plain" (regexMatch "sslmode=require" .dburl) }}', data),
    sprig('{{ (urlParse .dburl).hostname }}:{{ (urlParse .dburl).path | trimPrefix "/" }}', data),
  ],
  functions,
);
