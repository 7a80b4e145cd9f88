// Sprig's string functions through Ferry's executor, compared with Go's text/template + Sprig.
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = {
  name: 'héllo wörld',
  csv: 'a,b,,c',
  blank: '  padded \t\n',
  url: 'postgres://u:p@db:5432/app',
};

describeDifferential(
  'sprig strings',
  [
    sprig('{{ .name | upper }}|{{ .name | lower }}|{{ .name | title }}|{{ "Hello World" | untitle }}', data),
    sprig(
      '{{ "ßtraße ǆemal" | upper }}|{{ "İ" | lower }}|{{ "ǆemal x" | title }}|{{ "Hello ǅ" | swapcase }}',
    ),
    sprig(
      '[{{ .blank | trim }}]|{{ trimAll "ab" "abxxba" }}|{{ trimPrefix "ab" "abab" }}|{{ trimSuffix "ab" "abab" }}',
      data,
    ),
    sprig('{{ .url | replace "postgres://" "postgresql://" }}|{{ replace "" "-" "héy" }}', data),
    sprig('{{ contains "wör" .name }} {{ hasPrefix "hé" .name }} {{ hasSuffix "x" .name }}', data),
    sprig(
      '{{ quote "a" 1 nil 2.5 true "x\\"y" }}|{{ squote "a" 1 nil }}|{{ cat "a" nil 1 (list 2) "b" }}',
      data,
    ),
    sprig('{{ .name | quote }}|{{ .name | squote }}', data),
    sprig('{{ indent 2 "a\\nb" }}|{{ nindent 4 "x" }}|{{ repeat 3 "ab" }}', data),
    sprig('{{ repeat -1 "a" }}', {}, { errorMatch: 'message' }),
    sprig(
      '{{ substr 1 3 "hello" }}|{{ substr -1 3 "hello" }}|{{ substr 2 99 "hello" }}|{{ substr 0 2 .name }}',
      data,
    ),
    sprig('{{ substr 4 2 "hello" }}'),
    sprig('{{ trunc 3 "hello" }}|{{ trunc -3 "hello" }}|{{ trunc 9 "hello" }}|{{ trunc 2 .name }}', data),
    sprig(
      '{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello world" }}|{{ abbrevboth 5 10 "1234 5678 9123 4567" }}',
    ),
    sprig(
      '{{ nospace "a b\\tc" }}|{{ initials "John Ronald Tolkien" }}|{{ plural "one" "many" 1 }}|{{ plural "one" "many" 2 }}',
    ),
    sprig('{{ wrap 5 "hello world this is text" }}|{{ wrapWith 5 "\\t" "hello world" }}'),
    sprig(
      '{{ .csv | split "," }}|{{ (split "," .csv)._1 }}|{{ splitList "," .csv }}|{{ splitn "," 2 .csv }}',
      data,
    ),
    sprig(
      '{{ splitList "," .csv | join "-" }}|{{ list "b" "a" 10 "é" | sortAlpha }}|{{ join "," (list 1 nil "x") }}',
      data,
    ),
    sprig('{{ toStrings (list 1 "a" nil 2.5) }}|{{ toString 1.5 }}|{{ toString nil }}'),
    sprig('{{ upper 3 }}'),
    sprig('{{ 3 | upper }}'),
    sprig('{{ upper "a" "b" }}'),
    sprig('{{ trunc "a" "b" }}'),
  ],
  functions,
);
