// Sprig's list and dict functions through Ferry's executor, compared with Go's text/template + Sprig.
import { describeDifferential } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = { user: 'admin', password: 'hunter2', hosts: 'a.example,b.example,a.example' };

describeDifferential(
  'sprig lists',
  [
    sprig('{{ list 1 "a" nil 2.5 (list true) }}|{{ tuple 1 2 }}|{{ list }}'),
    sprig(
      '{{ $l := list 1 "a" nil 2.5 "a" 1 "" }}{{ first $l }}|{{ last $l }}|{{ rest $l }}|{{ initial $l }}|{{ reverse $l }}|{{ uniq $l }}|{{ compact $l }}',
    ),
    sprig('{{ first (list) }}|{{ last (list) }}|{{ rest (list) }}|{{ initial (list) }}'),
    sprig('{{ first "str" }}'),
    sprig('{{ mustFirst 3 }}'),
    sprig('{{ first nil }}'),
    sprig(
      '{{ append (list 1) 2 }}|{{ prepend (list 1) 0 }}|{{ concat (list 1) (list 2 3) (list) }}|{{ push (list) "x" }}',
    ),
    sprig(
      '{{ without (list 1 "a" 2 "a") "a" 1 }}|{{ has "a" (list 1 "a") }}|{{ has 9 (list 1) }}|{{ has 1 nil }}',
    ),
    sprig(
      '{{ slice (list 1 2 3) 1 }}|{{ slice (list 1 2 3) 1 2 }}|{{ slice (list 1 2 3) }}|{{ chunk 2 (list 1 2 3) }}',
    ),
    sprig('{{ slice (list 1 2) 3 }}'),
    sprig(
      '{{ until 3 }}|{{ until -3 }}|{{ untilStep 0 10 3 }}|{{ untilStep 10 0 -4 }}|{{ seq 5 }}|{{ seq 2 5 }}|{{ seq 0 2 10 }}|{{ seq 10 -2 0 }}',
    ),
    sprig('{{ range $i, $h := splitList "," .hosts | uniq }}{{ $i }}={{ $h }};{{ end }}', data),
    sprig('{{ splitList "," .hosts | sortAlpha | uniq | join " " }}', data),
  ],
  functions,
);

describeDifferential(
  'sprig dicts',
  [
    sprig('{{ dict "a" 1 "b" }}|{{ dict 1 "x" nil "y" }}|{{ dict }}'),
    sprig(
      '{{ $d := dict "user" .user "password" .password }}{{ toJson $d }}|{{ get $d "user" }}|{{ get $d "nope" }}|{{ hasKey $d "user" }}',
      data,
    ),
    sprig('{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}|{{ unset $d "a" }}|{{ $d }}'),
    sprig('{{ hasKey . "user" }}', data),
    sprig(
      '{{ pick (dict "a" 1 "b" 2) "a" "z" }}|{{ omit (dict "a" 1 "b" 2) "a" }}|{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}',
    ),
    sprig('{{ keys (dict "b" 1 "a" 2) | sortAlpha }}|{{ values (dict "a" 1) }}'),
    sprig(
      '{{ merge (dict "a" 1 "b" "" "c" (dict "x" 1) "d" (list 1) "e" 0) (dict "a" 2 "b" "B" "c" (dict "x" 2 "y" 3) "d" (list 2) "e" 5 "g" "G") }}',
    ),
    sprig(
      '{{ mergeOverwrite (dict "a" 1 "b" "" "c" (dict "x" 1) "d" (list 1)) (dict "a" 2 "b" "" "c" (dict "y" 3) "d" (list) "g" nil) }}',
    ),
    sprig(
      '{{ merge (dict "c" "str") (dict "c" (dict "x" 1)) }}|{{ mergeOverwrite (dict "c" "str") (dict "c" (dict "x" 1)) }}',
    ),
    sprig('{{ dig "a" "b" "def" (dict "a" (dict "b" 1)) }}|{{ dig "a" "x" "def" (dict "a" (dict "b" 1)) }}'),
    sprig(
      '{{ deepCopy (dict "a" (list 1)) }}|{{ $d := dict "k" "v" }}{{ $c := deepCopy $d }}{{ $_ := set $c "k" "w" }}{{ $d.k }}',
    ),
  ],
  functions,
);
