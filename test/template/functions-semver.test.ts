// Sprig's semver and semverCompare through Ferry's executor, compared with Go's text/template + Sprig
// v3.3.0 (Masterminds/semver v3.3.0). The tables are generated: every operator with every kind of
// constraint version against versions on each side of it, so that each rule (wildcards, tilde, caret,
// pre-releases) is met on its boundaries.
import { describeDifferential, type DifferentialCase } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const q = (text: string): string => JSON.stringify(text);

/** One case: `constraint` checked against every version, the answers separated by spaces. */
function compareAll(constraint: string, versions: readonly string[]): DifferentialCase {
  const calls = versions.map((version) => `{{ semverCompare ${q(constraint)} ${q(version)} }}`);
  return {
    ...sprig(calls.join(' ')),
    title: `semverCompare ${q(constraint)} against ${versions.length} versions`,
  };
}

const operators = ['', '=', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^'];
const constraintVersions = [
  ...['1.2.3', '1.2', '1', '2', '0.2.3', '0.0.3', '0.0', '0', '0.0.0', 'v1.2.3', '1.2.3+meta'],
  ...['1.x', '1.2.x', '*', 'x', 'X', '0.x', '0.0.x', '1.x.x', 'x.2.3'],
  ...['1.2.3-beta.2', '1.2.x-beta', '2.0.0-0'],
];
const versions = [
  ...['0.0.0', '0.0.3', '0.0.4', '0.1.0', '0.2.3', '0.2.4', '0.3.0', '1.0.0', '1.2.2', '1.2.3', '1.2.4'],
  ...['1.3.0', '2.0.0', '10.20.30', '1.2', '1', 'v1.2.3+build'],
  ...['1.2.3-alpha', '1.2.3-beta.2', '1.2.3-beta.10', '1.2.3-beta.11', '1.2.4-rc.1', '2.0.0-0'],
  ...['0.0.0-x', '1.2.0-beta', '1.0.0-beta', '2.0.0-beta', '0.0.3-a'],
];

describeDifferential(
  'semverCompare: each operator with each kind of version',
  operators.flatMap((operator) =>
    constraintVersions.map((version) => compareAll(operator + version, versions)),
  ),
  functions,
);

// Hyphen ranges, AND (spaces, commas), OR, and Go's odd corners: "|" is a digit of a wildcard part,
// a hyphen range is found anywhere in the text, and any ASCII space but the vertical tab separates.
const wellFormed = [
  ...['1.2 - 1.4.5', '1.2.3 - 2', '  1.x - 2.x  ', '1.2.3-beta - 1.2.4', '1 - 2 || 3 - 4', '1 - 2||3'],
  ...['v1 - v2', '11 - 2 1 - 2', '1 - 23 1 - 2', '>= 1.2, < 2', '>=1.2,<2', '>=1.2 <2', '  >= 1.2  '],
  ...['^1.2 || ~2.3', '1||2', '=> 1', '=<2', '~>1.2', '1.*', '1.2.*', '1.2.3 1.2.4', '1.2.3\t,\n2'],
  ...['^0.0', '^0.x', '~0', '~0.0', '~*', '!=*', '!=1.x', '!=1.2.x-beta', '!=1.2.x', '>1.x-0', '<=1.x-0'],
  ...['1.2.3-beta.2 - 1.2.3-beta.10', '>= 1.0.0-0', '1.x || >=2.5.0 || 5.0.0 - 7.2.3', '~1.2.3-beta'],
  ...['^1.2.3-beta', '>1.2.3-alpha <1.2.3-beta.5', '1.2.3+a.b', '=1.2.3+x-y', '1.2.3-a.b.c.d', '1.x.3'],
  ...[
    '1.2.3 - 1.2.3',
    '>1.2.3||<1.0.0',
    '2 - 1',
    '0.0.0 - *',
    '* - *',
    'x - 1.x',
    '1.2.3 - 2.3.4 || 3.0 - 4',
  ],
  ...['1.2 - 2 1.2 - 2', '1.2.3\r\n', '\f1', '1,2', '1 ,2', '1 , 2'],
];
const rangeVersions = [
  ...['0.0.0', '0.0.3', '1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.3.0', '1.4.5', '1.4.6', '2.0.0', '2.5.0'],
  ...['3.5.0', '4.9.9', '7.2.3', '7.2.4', '23.0.0', 'v1.2.3+build'],
  ...['1.2.3-alpha', '1.2.3-beta.2', '1.2.3-beta.5', '1.2.3-beta.10', '1.2.4-rc.1', '2.0.0-0', '0.0.0-0'],
];

describeDifferential(
  'semverCompare: ranges, groups and spacing',
  wellFormed.map((constraint) => compareAll(constraint, rangeVersions)),
  functions,
);

// A constraint whose version is not numeric after all ("1x", "1|2"): Go's "constraint Parser Error".
const notNumeric = ['1|2', '1.2.3-01', '1x', 'x1', '**', '99999999999999999999', '1.99999999999999999999.x'];
// Text the grammar refuses: Go quotes it ("improper constraint: >=1.2,"), Ferry leaves it out (it
// may come from a secret), so only the position and the kind are compared.
const improper = [
  ...['>=1.2 - 2', '1 -2', '1- 2', '1 - ', 'a1 - 2', 'x.y.z1 - 2', '>=1.2,, <2', '>=1.2,', ',>=1.2', '||'],
  ...['1.2||', '|| 1', '1.2.3.4', '1.2.3-', '1.2.3-beta+', '! 1', '==1', '>>1', 'v', 'vv1', '1.2.3\v'],
  ...['1.2.3-a..b', '1.2.3 -  - 2', ' ', '\t', 'a', '1.2.3 || ', '1.2.3 - 2 - 3', '1 - 2 - 3 - 4'],
  ...['1 - 2\u00a0', '\u00a01', '\uff11', '1.2.3-x.|', '1.2.3+|', ''],
];

describeDifferential(
  'semverCompare: malformed constraints and versions',
  [
    ...[...notNumeric, '1|||2', '|', '1.2|3', '|1', '1|'].map((constraint) =>
      sprig(`{{ semverCompare ${q(constraint)} "1.0.0" }}`),
    ),
    ...improper.map((constraint) =>
      sprig(`{{ semverCompare ${q(constraint)} "1.0.0" }}`, {}, { errorMatch: 'location' }),
    ),
    // The constraint is read first: a bad constraint is reported even when the version is bad too.
    sprig('{{ semverCompare "1|2" "x" }}'),
    sprig('{{ semverCompare "a" "x" }}', {}, { errorMatch: 'location' }),
    sprig('{{ semverCompare "^1" "x" }}|{{ semverCompare "^1" "1.2.3-01" }}'),
    sprig('{{ semverCompare "^1" "1.2.3-01" }}'),
    sprig('{{ semverCompare "^1" "" }}'),
    sprig('{{ semverCompare "^1" .v }}', { v: '1.99999999999999999999' }, { errorMatch: 'location' }),
    sprig('{{ semverCompare "1" }}'),
    sprig('{{ semverCompare nil "1" }}'),
    sprig('{{ semverCompare ">1" (semver "2") }}'),
    sprig('{{ if semverCompare "^1.2" .version }}new{{ else }}old{{ end }}', { version: '1.4.0' }),
    sprig('{{ .version | semverCompare ">=1.20.0-0" }}', { version: 'v1.27.3-eks-4f4795d' }),
  ],
  functions,
);

// What `semver` makes of each kind of text, read back through every accessor.
const parsed = [
  ...['1', '1.2', '1.2.3', 'v1', 'v1.2.3', 'V1.2.3', '01.02.03', '1.2.3.4', '1.2.3-', '1.2.3+', '1.2.3-+'],
  ...['1-alpha', '1.2-beta.1+b', '1.2.3-01', '1.2.3-0', '1.2.3-00a', '1.2.3-a.01', '1.2.3+01', '1.2.3+a..b'],
  ...['1.2.3-a..b', '1..2', ' 1.2.3', '1.2.3 ', '', 'v', 'vv1', '1.2.3-\u03b1', '18446744073709551615'],
  ...['1.2.3-18446744073709551616', '1.2.3--', '1.2.3-a-b+c-d', '0.0.0', '1.-2', '1.2.x', '*'],
  ...['1.2.3+meta-data.1', '18446744073709551615.18446744073709551615.18446744073709551615'],
];
const accessors =
  '{{ $v }}|{{ $v.Original }}|{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}' +
  '|{{ $v.IncMajor }}|{{ $v.IncMinor }}|{{ $v.IncPatch }}|{{ $v.IncPatch.IncPatch }}|{{ $v | toJson }}' +
  '|{{ $v.String }}|{{ $v.Value }}';

describeDifferential(
  'semver: parsing and accessors',
  [
    ...parsed.map((version) => sprig(`{{ $v := semver ${q(version)} }}${accessors}`)),
    // Go quotes the digits that overflow a uint64; Ferry leaves them out.
    ...['18446744073709551616', '1.18446744073709551616', '1.2.18446744073709551616'].map((version) =>
      sprig(`{{ semver ${q(version)} }}`, {}, { errorMatch: 'location' }),
    ),
    sprig('{{ semver .v }}', { v: 'v2.4.1-rc.1+sha.5114f85' }),
    sprig('{{ semver 1 }}'),
    sprig('{{ semver }}'),
    sprig('{{ semver (semver "2") }}'),
  ],
  functions,
);

// Every order among these versions, through each comparison method.
const ordered = [
  ...['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11'],
  ...['1.0.0-rc.1', '1.0.0', '1.0.0+b', 'v1.0.0', '1.0.1', '1.1.0', '2.0.0', '1.0.0-01a', '1.0.0-1'],
  ...['1.0.0-a.1.2', '1.0.0-a.1', '1.0.0-18446744073709551616', '1.0.0-18446744073709551617', '1.0.0--1'],
];
const comparisons = (other: string): string => {
  const o = `(semver ${q(other)})`;
  return (
    `{{ $a.Compare ${o} }}{{ if $a.LessThan ${o} }}<{{ end }}{{ if $a.Equal ${o} }}={{ end }}` +
    `{{ if $a.GreaterThanEqual ${o} }}g{{ end }}{{ if $a.LessThanEqual ${o} }}l{{ end }}` +
    `{{ if $a.GreaterThan ${o} }}>{{ end }}`
  );
};

describeDifferential(
  'semver: comparison methods',
  ordered.map((version) => ({
    ...sprig(`{{ $a := semver ${q(version)} }}${ordered.map(comparisons).join(',')}`),
    title: `${version} compared with ${ordered.length} versions`,
  })),
  functions,
);

const prereleases = [
  '',
  'beta',
  'beta.1',
  '01',
  'a.01',
  '0',
  'a_b',
  'a..b',
  '.',
  '.a',
  'a.',
  '-',
  '\u03b1',
  '1.2',
];

describeDifferential(
  'semver: methods returning semver.Version',
  [
    ...prereleases.flatMap((text) => [
      sprig(
        `{{ $s := (semver "v1.2.3-x+y").SetPrerelease ${q(text)} }}{{ $s }}|{{ $s.Prerelease }}|{{ $s.Metadata }}`,
      ),
      sprig(
        `{{ $s := (semver "v1.2.3-x+y").SetMetadata ${q(text)} }}{{ $s }}|{{ $s.Prerelease }}|{{ $s.Metadata }}`,
      ),
      sprig(`{{ ((semver "1.2.3").SetPrerelease ${q(text)}).SetMetadata ${q(text)} }}`),
    ]),
    // A semver.Version is not addressable: the pointer methods are not there.
    sprig('{{ (semver "v1.2.3-a+b").IncMajor.Original }}'),
    sprig('{{ $v := (semver "1.2.3").IncMajor }}{{ $v.Original }}'),
    sprig('{{ (semver "1.0.0").IncMajor.LessThan (semver "1") }}'),
    sprig('{{ (semver "1.0.0").IncMajor.Scan "1" }}'),
    sprig('{{ (semver "1.2.3").LessThan ((semver "1.2.3").IncMajor) }}'),
    sprig('{{ (semver "1.0.0").IncMajor.Nope }}'),
    sprig(
      '{{ with (semver "1.2.3").IncMinor }}{{ .Major }}.{{ .Minor }}.{{ .Patch }} {{ .IncPatch }}{{ end }}',
    ),
    sprig(
      '{{ (semver "18446744073709551615.18446744073709551615.18446744073709551615").IncPatch }} {{ (semver "18446744073709551615.1.1").IncMajor }} {{ (semver "1.18446744073709551615.1").IncMinor }}',
    ),
  ],
  functions,
);

describeDifferential(
  'semver: printing, equality, JSON and errors',
  [
    sprig('{{ semver "1.2.3" | printf "%T" }} {{ (semver "1").IncMajor | printf "%T" }}'),
    sprig(
      '{{ typeOf (semver "1") }} {{ kindOf (semver "1") }} {{ typeOf (semver "1").IncMajor }} {{ kindOf (semver "1").IncMajor }}',
    ),
    sprig(
      '{{ printf "%s|%q|%x|%v|%+v" (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") }}',
    ),
    sprig('{{ $v := (semver "1.2.3").IncMajor }}{{ printf "%v %s %q %x %X" $v $v $v $v $v }}'),
    sprig('{{ printf "%10v|%-10s|" (semver "1.2.3") (semver "1.2.3") }}'),
    sprig(
      '{{ semver "1.2.3" | upper }} {{ cat (semver "1.2.3") "x" }} {{ print (semver "1") (semver "2") }}',
    ),
    sprig('{{ semver "1.2.3" | toString }} {{ list (semver "1") ((semver "1").IncMinor) }}'),
    sprig('{{ (semver "1.2.3").Major | add 1 }}'),
    sprig('{{ semver "1.2.3" | toJson }} {{ (semver "1.0.0").IncMajor | toJson }}'),
    sprig('{{ toPrettyJson (dict "v" (semver "1.2.3-a")) }} {{ toRawJson (list (semver "1")) }}'),
    sprig(
      '{{ (semver "1.2.3").MarshalJSON }} {{ (semver "1.2.3").MarshalText }} {{ (semver "1.2.3").Value }}',
    ),
    sprig('{{ $a := semver "1.0.0" }}{{ $a.Equal $a }} {{ eq $a $a }} {{ ne $a (semver "1.0.0") }}'),
    sprig('{{ eq (semver "1.0.0").IncMajor (semver "2.0.0").IncMinor.IncMajor }}'),
    sprig('{{ eq (semver "v1.0.0").IncMajor (semver "1.0.0").IncMajor }}'),
    sprig('{{ eq ((semver "1.0.0").SetMetadata "a") ((semver "1.0.0").SetMetadata "a") }}'),
    sprig('{{ eq (semver "1.0.0") 1 }}'),
    sprig('{{ default "d" (semver "1") }} {{ empty (semver "1") }} {{ empty (semver "1").IncMajor }}'),
    sprig('{{ range list (semver "1") (semver "2") }}{{ .Major }}{{ end }}'),
    sprig('{{ (semver "1.0.0").Equal nil }}'),
    sprig('{{ (semver "1.0.0").Compare nil }}'),
    sprig('{{ (semver "1.0.0").GreaterThan nil }}'),
    sprig('{{ (semver "1.0.0").Compare "1.0.0" }}'),
    sprig('{{ (semver "1.0.0").Compare }}'),
    sprig('{{ (semver "1.0.0").Major 1 }}'),
    sprig('{{ (semver "1.0.0").SetPrerelease 1 }}'),
    sprig('{{ (semver "1.0.0").Nope }}'),
    // Scan replaces the version in place and returns its error as a value.
    sprig('{{ $v := semver "1.2.3" }}{{ $v.Scan 5 }} {{ $v }} {{ $v.Original }}'),
    sprig('{{ $v := semver "1.2.3" }}{{ $v.Scan "1.2.3-01" }}|{{ $v }}'),
    sprig(
      '{{ $v := semver "1.2.3" }}{{ if $v.Scan "v3.0.0-a" }}{{ end }}{{ $v.Original }} {{ $v.Prerelease }}',
    ),
  ],
  functions,
);

// How charts and ESO templates use them: a cluster or app version from the data, gated by constraints
// written with "-0" so that vendors' pre-release-style suffixes still match.
const clusterVersions = [
  'v1.27.3-eks-4f4795d',
  'v1.25.4+k3s1',
  '1.28.2-gke.1157000',
  'v1.30.0',
  '1.19.16',
  'v1.31.0-rc.1',
];
const gates = [
  '>=1.21-0',
  '<1.25.0-0',
  '^1.27.0-0',
  '>= 1.19.0-0 < 1.30.0-0',
  '~1.28.0-0',
  '>=1.21',
  '1.27.x || 1.28.x',
];

describeDifferential(
  'semver in templates as charts use it',
  [
    ...clusterVersions.map((version) =>
      sprig(
        gates.map((gate) => `{{ if semverCompare ${q(gate)} .version }}y{{ else }}n{{ end }}`).join('') +
          '|{{ $v := semver .version }}{{ $v.Major }}.{{ $v.Minor }}|{{ $v.IncMinor }}|{{ $v.Prerelease }}|{{ $v.Metadata }}',
        { version },
      ),
    ),
    sprig('{{ $v := semver .tag }}{{ if $v.GreaterThan (semver "2.0.0") }}image: app:{{ $v }}{{ end }}', {
      tag: 'v2.4.1',
    }),
    sprig(
      '{{ semver "1.2.3" | toYaml }}|{{ (semver "1.2.3").IncMajor | toYaml }}|{{ dict "v" (semver "1.2.3-a+b") | toYaml }}',
      {},
      { funcs: 'eso' },
    ),
    // Hyphen ranges whose replacement lands elsewhere than where they were found (see semver-hyphen-ranges.ts).
    ...['1 - 2 - 3 2 - 3', '1 - 2 - 3 5 - 6 2 - 3', '2 - 3 1 - 2 - 3', '1.2.3.4 - 5', '1 - 2.3.4.5'].map(
      (constraint) => sprig(`{{ semverCompare ${q(constraint)} "1.0.0" }}`, {}, { errorMatch: 'location' }),
    ),
  ],
  functions,
);
