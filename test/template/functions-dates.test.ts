// Sprig's date functions and Go's time.Time values through Ferry's executor, compared with Go's
// text/template + Sprig. Times from toDate and Unix seconds are compared byte for byte; `now`
// reads the clock, so its cases compare only what does not depend on the moment (types, shapes).
import { describeDifferential, type DifferentialCase } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const data = { d: '2024-05-01', ts: '2024-01-02T03:04:05.123456789+02:00' };
const withData = (template: string, extra: Partial<DifferentialCase> = {}): DifferentialCase =>
  sprig(template, data, extra);

describeDifferential(
  'sprig date formatting of Unix seconds',
  [
    sprig(
      '{{ date "2006-01-02T15:04:05Z07:00" 1700000000 }}|{{ date "Mon Jan 2 15:04:05 MST 2006" 0 }}|{{ date "Monday, January 02, 2006 03:04:05 PM" 1700000000 }}',
    ),
    sprig(
      '{{ date "06/1/2 3:4:5 pm _2 __2 002 .000 ,999" 1700000000 }}|{{ date "-0700 -07:00 Z0700 Z07:00" 1700000000 }}',
    ),
    sprig(
      '{{ dateInZone "2006-01-02 15:04 -07:00" 1700000000 "America/New_York" }}|{{ dateInZone "15:04" 1700000000 "Nope/Zone" }}|{{ htmlDate 1700000000 }}',
    ),
    sprig(
      '{{ toDate "2006-01-02" "2024-02-29" | date "Jan 2 2006" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+02:00" | date "15:04 MST" }}',
    ),
    sprig(
      '{{ duration "95" }}|{{ durationRound "2h5m" }}|{{ durationRound "-3s" }}|{{ durationRound "400d" }}',
    ),
    sprig(
      '{{ range $z := list "Europe/Berlin" "Asia/Kolkata" "Asia/Tokyo" "Australia/Sydney" "Europe/London" "America/New_York" "America/Sao_Paulo" "Etc/UTC" "Europe/Moscow" "Asia/Shanghai" "america/new_york" "US/Eastern" "+05:00" "EST" "Local" "" "Asia/Dubai" }}{{ dateInZone "MST -0700" 1700000000 $z }}|{{ dateInZone "MST -0700" 1690000000 $z }}|{{ end }}',
    ),
    sprig(
      '{{ duration "95" }}|{{ duration "x" }}|{{ duration "99999999999999999999" }}|{{ duration "-5" }}|{{ duration "+5" }}|{{ duration (int64 95) }}',
    ),
  ],
  functions,
);

describeDifferential(
  'named zones: tzdata names, aliases, abbreviations and local mean time',
  [
    sprig(
      '{{ range $z := list "EST5EDT" "Etc/GMT+5" "Etc/GMT-14" "GB" "NZ" "PRC" "Zulu" "UCT" "Asia/Calcutta" "America/Argentina/Buenos_Aires" "Pacific/Chatham" "Asia/Kathmandu" "Europe/Kyiv" "Europe/Kiev" "Etc/UTC" "GMT" "local" "utc" "Europe/../Europe/Paris" }}{{ dateInZone "MST -0700" 1700000000 $z }}|{{ dateInZone "MST" 1690000000 $z }}|{{ end }}',
    ),
    sprig(
      '{{ range $y := list "1970" "1850" "2100" "0001" }}{{ dateInZone "2006 MST -0700" (toDate "2006" $y) "America/New_York" }}|{{ dateInZone "2006 MST -0700" (toDate "2006" $y) "Europe/Paris" }}|{{ end }}',
    ),
  ],
  functions,
);

describeDifferential(
  'time.Time values from toDate: printing, methods, Sprig functions',
  [
    withData('{{ toDate "2006-01-02" .d }}'),
    withData('{{ toDate "2006-01-02T15:04:05.999999999Z07:00" .ts }}'),
    withData('{{ (toDate "2006-01-02T15:04:05Z07:00" .ts).UTC }}'),
    withData('{{ toDate "2006-01-02T15:04:05Z07:00" .ts | toJson }}'),
    withData('{{ toDate "2006-01-02" .d | toJson }}'),
    withData('{{ (toDate "2006-01-02" .d).Format "Jan 2" }}|{{ toDate "2006-01-02" .d | date "Jan 2" }}'),
    withData(
      '{{ $t := toDate "2006-01-02T15:04:05Z07:00" .ts }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Nanosecond }} {{ $t.YearDay }} {{ $t.Weekday }} {{ $t.Unix }} {{ $t.UnixMilli }} {{ $t.UnixMicro }} {{ $t.UnixNano }} {{ $t.IsZero }}',
    ),
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ $t.Add 1500000000 }}|{{ $t.Add -1 }}|{{ $t.AddDate 1 -5 40 }}|{{ $t.AddDate 0 0 -1 }}|{{ $t.Truncate 7200000000000 }}|{{ $t.Round 86400000000000 }}',
    ),
    withData(
      '{{ $a := toDate "2006-01-02" .d }}{{ $b := toDate "2006-01-02T15:04:05Z07:00" .ts }}{{ $a.Sub $b }} {{ $b.Sub $a }} {{ $a.Before $b }} {{ $a.After $b }} {{ $a.Equal $a.UTC }} {{ $a.Compare $b }} {{ ($a.Sub $b).Hours }} {{ ($a.Sub $b).Minutes }} {{ ($a.Sub $b).Seconds }} {{ ($a.Sub $b).Milliseconds }}',
    ),
    withData(
      '{{ $a := toDate "2006-01-02" .d }}{{ eq $a $a }} {{ eq $a $a.UTC }} {{ eq $a $a.Local }} {{ eq $a.UTC $a.UTC }} {{ eq $a (toDate "2006-01-02" .d) }}',
    ),
    withData(
      '{{ eq (toDate "2006-01-02Z07:00" "2024-05-01+02:00") (toDate "2006-01-02Z07:00" "2024-05-01+02:00") }} {{ eq (toDate "2006-01-02Z07:00" "2024-05-01+02:30") (toDate "2006-01-02Z07:00" "2024-05-01+02:30") }}',
    ),
    withData(
      '{{ toDate "2006-01-02Z07:00" "2024-05-01+02:30" }}|{{ toDate "2006-01-02Z07:00" "2024-05-01Z" }}|{{ toDate "2006-01-02Z07:00" "2024-05-01+00:00" }}|{{ toDate "2006-01-02 MST" "2024-05-01 EST" }}|{{ toDate "2006-01-02 MST" "2024-05-01 GMT+3" }}|{{ toDate "2006-01-02 MST" "2024-05-01 UTC" }}',
    ),
    withData(
      '{{ toDate "2006-01-02" "x" }}|{{ toDate "2006-01-02" "x" | toJson }}|{{ (toDate "2006-01-02" "x").IsZero }}|{{ (toDate "2006-01-02" "x").Unix }}|{{ (toDate "2006-01-02" "x").UnixNano }}|{{ (toDate "2006-01-02" "x").Weekday }}',
    ),
    withData(
      '{{ toDate "2006-01-02" .d | unixEpoch }}|{{ toDate "2006-01-02" .d | dateModify "-1h30m" }}|{{ toDate "2006-01-02" .d | dateModify "bogus" }}|{{ toDate "2006-01-02" .d | date_modify "1.5h" | date "15:04" }}',
    ),
    withData('{{ dateModify "1h" 1700000000 }}'),
    withData('{{ unixEpoch 5 }}'),
    withData('{{ unixEpoch "x" }}'),
    withData(
      '{{ printf "%v|%s|%q" (toDate "2006-01-02" .d) (toDate "2006-01-02" .d) (toDate "2006-01-02" .d) }}',
    ),
    withData(
      '{{ toDate "2006-01-02" .d | toString }}|{{ list (toDate "2006-01-02" .d) }}|{{ dict "t" (toDate "2006-01-02" .d) | toJson }}',
    ),
    withData(
      '{{ (toDate "2006-01-02" .d).Month.String }}|{{ (toDate "2006-01-02" .d).Month | toJson }}|{{ (toDate "2006-01-02" .d).String }}',
    ),
    withData(
      '{{ date "2006-01-02 15:04:05.000 MST" (toDate "2006-01-02T15:04:05.999999999Z07:00" .ts) }}|{{ dateInZone "2006-01-02 15:04:05.000 MST" (toDate "2006-01-02T15:04:05.999999999Z07:00" .ts) "Asia/Tokyo" }}|{{ htmlDate (toDate "2006-01-02" .d) }}|{{ htmlDateInZone (toDate "2006-01-02" .d) "America/Los_Angeles" }}',
    ),
    withData(
      '{{ toDate "2006-01-02" "0000-01-01" | toJson }}|{{ (toDate "2006-01-02" "0000-03-01").AddDate -1 0 0 }}|{{ (toDate "2006-01-02" "0000-03-01").AddDate -1 0 0 | toJson }}|{{ (toDate "2006-01-02" "9999-12-31").AddDate 0 0 1 | toJson }}|{{ (toDate "2006-01-02" "9999-12-31").AddDate 0 0 1 }}',
    ),
    withData(
      '{{ (toDate "2006-01-02" "2024-01-31").AddDate 0 1 0 }}|{{ (toDate "2006-01-02" "2024-02-29").AddDate 1 0 0 }}|{{ (toDate "2006-01-02" "1900-02-28").AddDate 0 0 1 }}|{{ toDate "2006-01-02" "1900-02-29" }}|{{ toDate "2006-01-02" "2000-02-29" }}|{{ toDate "2006-01-02" "0024-02-29" }}',
    ),
    withData(
      '{{ durationRound "2h5m" }}|{{ durationRound "-3s" }}|{{ durationRound "400d" }}|{{ durationRound ((toDate "2006-01-02" .d).Sub (toDate "2006-01-02" "2024-01-01")) }}',
    ),
    withData(
      '{{ (toDate "2006-01-02T15:04:05.999999999Z07:00" .ts).Round 1000000000 }}|{{ (toDate "2006-01-02T15:04:05.999999999Z07:00" .ts).Truncate 0 }}|{{ (toDate "2006-01-02T15:04:05.999999999Z07:00" .ts).Round 3600000000000 }}',
    ),
  ],
  functions,
);

describeDifferential(
  'toDate layouts, zones and the values they give',
  [
    sprig('{{ toDate "Mon, 02 Jan 2006 15:04:05 MST" "Tue, 14 Nov 2023 22:13:20 GMT" }}'),
    sprig('{{ toDate "Mon, 02 Jan 2006 15:04:05 -0700" "Tue, 14 Nov 2023 22:13:20 -0500" }}'),
    sprig(
      '{{ toDate "2006-01-02T15:04:05Z" "2023-11-14T22:13:20Z" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2023-11-14T22:13:20.5Z" }}',
    ),
    sprig(
      '{{ toDate "2006-01-02 15:04:05.000" "2023-11-14 22:13:20.123" }}|{{ toDate "2006-01-02 15:04:05" "2023-11-14 22:13:20.123456" }}',
    ),
    sprig(
      '{{ toDate "Jan _2 2006 3:04PM" "Nov  4 2023 1:05PM" }}|{{ toDate "01/02/2006" "11/14/2023" }}|{{ toDate "20060102" "20231114" }}',
    ),
    sprig(
      '{{ toDate "2006-01-02" "2023-11-14" | date "2006-01-02T15:04:05Z07:00" }}|{{ toDate "2006-01-02T15:04:05-07:00" "2023-11-14T10:00:00-05:00" | date "2006-01-02T15:04:05Z07:00" }}',
    ),
    sprig(
      '{{ (toDate "2006-01-02T15:04:05-07:00" "2023-11-14T10:00:00-05:00").Hour }} {{ (toDate "2006-01-02T15:04:05-07:00" "2023-11-14T10:00:00-05:00").UTC.Hour }} {{ (toDate "2006-01-02T15:04:05-07:00" "2023-11-14T10:00:00-05:00").Format "15:04 -07:00 MST" }}',
    ),
    sprig(
      '{{ toDate "2006-01-02T15:04:05-07:00" "2023-11-14T10:00:00-05:00" | toJson }}|{{ toDate "2006-01-02T15:04:05.999999999-07:00" "2023-11-14T10:00:00.000000001-05:30" | toJson }}',
    ),
    sprig(
      '{{ (toDate "2006-01-02" "2023-11-14").AddDate 0 0 0 | unixEpoch }}|{{ (toDate "2006-01-02" "1969-12-31").Unix }}|{{ (toDate "2006-01-02 15:04:05.000" "1969-12-31 23:59:59.500").UnixMilli }}|{{ (toDate "2006-01-02 15:04:05.000" "1969-12-31 23:59:59.500").Nanosecond }}',
    ),
    sprig(
      '{{ (toDate "2006-01-02 15:04:05.000" "1969-12-31 23:59:59.500") }}|{{ (toDate "2006-01-02 15:04:05.000" "1969-12-31 23:59:59.500").Round 1000000000 }}|{{ date "2006-01-02 15:04:05.999" -1 }}',
    ),
    sprig(
      '{{ toDate "2006-01-02" "0001-01-01" }}|{{ (toDate "2006-01-02" "0001-01-01").IsZero }}|{{ (toDate "2006-01-02" "0001-01-01").Weekday }}|{{ (toDate "2006-01-02" "0001-01-01").YearDay }}|{{ (toDate "2006-01-02" "2024-12-31").YearDay }}',
    ),
    sprig(
      '{{ $t := toDate "2006-01-02" "2023-11-14" }}{{ $t.Format "Monday Mon January Jan 1 01 2 02 _2 3 03 15 4 04 5 05 06 2006 PM pm -07 Z07:00 .000 .999" }}',
    ),
    sprig('{{ (toDate "2006-01-02" "2023-11-14").Month | printf "%s|%v|%q|%x" }}'),
    sprig(
      '{{ (toDate "2006" "2023").Sub (toDate "2006" "1000") }}|{{ ((toDate "2006" "2023").Sub (toDate "2006" "1000")).Hours }}',
    ),
    sprig('{{ now.Add 1 | printf "%T" }}|{{ (toDate "2006-01-02" "2023-11-14").Add -86400000000000 }}'),
    sprig(
      '{{ date "2006-01-02 15:04" 1700000000.5 | len }}|{{ date "2006" (int64 1700000000) }}|{{ date "2006" (atoi "1700000000") }}|{{ htmlDate "1700000000" | len }}',
    ),
    sprig(
      '{{ dateInZone "2006-01-02 15:04:05.000 MST" (toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-01-02T03:04:05.123456789+02:00") "America/New_York" }}',
    ),
    sprig(
      '{{ (toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+02:00").Local }}|{{ (toDate "2006-01-02T15:04:05Z07:00" "2024-01-02T03:04:05+02:00").Local.Format "MST" }}',
    ),
  ],
  functions,
);

describeDifferential(
  "durations: dateModify's parsing, Sub and time.Duration's printing",
  [
    sprig(
      '{{ $t := toDate "2006" "2020" }}{{ range $d := list "1h2m3.5s" "1.5ms" "1500us" "2µs" "-90m" "0" "0.5ns" "100h" "+1s" "2562047h47m16.854775807s" "-2562047h47m16.854775808s" }}{{ (dateModify $d $t).Sub $t }}|{{ end }}',
    ),
    sprig(
      '{{ $t := toDate "2006" "2020" }}{{ range $d := list "1" "x" "1d" "" "-" "2562047h47m16.854775808s" ".s" "1.s" "1h1h" "1.0000000001s" }}{{ (dateModify $d $t).Sub $t }}|{{ end }}',
    ),
    sprig(
      '{{ $a := toDate "2006" "0001" }}{{ $b := toDate "2006" "9999" }}{{ $b.Sub $a }}|{{ $a.Sub $b }}|{{ ($b.Sub $a).Nanoseconds }}|{{ ($b.Sub $a).Microseconds }}',
    ),
  ],
  functions,
);

describeDifferential(
  'time.Time through other functions',
  [
    sprig(
      '{{ toDate "2006-01-02" "2024-05-01" | toYaml }}|{{ dict "t" (toDate "2006-01-02" "2024-05-01") "m" (toDate "2006-01-02" "2024-05-01").Month | toYaml }}|{{ printf "%+v|%x" (toDate "2006-01-02" "2024-05-01") (toDate "2006-01-02" "2024-05-01").Month }}|{{ kindOf (toDate "2006-01-02" "2024-05-01") }}|{{ typeOf (toDate "2006-01-02" "2024-05-01") }}|{{ empty (toDate "2006-01-02" "x") }}|{{ deepEqual (toDate "2006-01-02" "2024-05-01") (toDate "2006-01-02" "2024-05-01") }}',
      {},
      { funcs: 'eso' },
    ),
  ],
  functions,
);

describeDifferential(
  'time.Time errors',
  [
    withData('{{ dateModify "1h" 1700000000 }}'),
    withData('{{ unixEpoch 5 }}'),
    withData('{{ unixEpoch "x" }}'),
    withData('{{ (toDate "2006-01-02" .d).Nope }}'),
    withData('{{ (toDate "2006-01-02" .d).AddDate 1 }}'),
    withData('{{ (toDate "2006-01-02" .d).Sub 5 }}'),
    withData('{{ (toDate "2006-01-02" .d).Before "x" }}'),
    withData('{{ lt (toDate "2006-01-02" .d) (toDate "2006-01-02" .d) }}'),
    withData('{{ eq (toDate "2006-01-02" .d) 1 }}'),
    // Go quotes the duration and the text, which may be secret; Ferry leaves them out.
    withData('{{ mustDateModify "bogus" (toDate "2006-01-02" .d) }}', { errorMatch: 'location' }),
    withData('{{ mustToDate "2006-01-02" "2024-13-01" }}', { errorMatch: 'location' }),
    withData('{{ mustToDate "2006-01-02" "hunter2" }}', { errorMatch: 'location' }),
  ],
  functions,
);

// The clock differs between Go and the test, so these compare what a template can rely on.
describeDifferential(
  'now: types and shapes',
  [
    sprig('{{ now | printf "%T" }} {{ now.Year | printf "%T" }} {{ printf "%T %T" now.Month now.Weekday }}'),
    sprig(
      '{{ now | dateModify "1h" | printf "%T" }} {{ now.UTC | printf "%T" }} {{ printf "%T" (now.Sub now) }}',
    ),
    sprig('{{ len (now | toString | splitList " ") }} {{ len (now.UTC | toString | splitList " ") }}'),
    sprig(
      '{{ regexMatch "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC m=\\+\\d+\\.\\d{9}$" (toString now) }}',
    ),
    sprig(
      '{{ regexMatch "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC$" (toString now.UTC) }}',
    ),
    sprig('{{ regexMatch "^\\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\\"$" (now | toJson) }}'),
    sprig(
      '{{ gt now.Year 2000 }} {{ now | unixEpoch | len }} {{ eq (now | unixEpoch) (toString now.Unix) }} {{ now | date "2006-01-02" | len }}',
    ),
    sprig('{{ ago now }} {{ durationRound now }} {{ ago "x" }} {{ date "2006" "x" | len }}'),
    sprig(
      '{{ $t := now }}{{ eq $t $t }} {{ $t.Equal $t.UTC }} {{ eq $t $t.UTC }} {{ ($t.Add 1).After $t }} {{ (dateModify "1h" $t).Sub $t }}',
    ),
    sprig(
      '{{ dateModify "1h" now | date "15:04" | len }} {{ (now.Truncate 1000000000).Nanosecond }} {{ now.IsZero }}',
    ),
  ],
  functions,
);

describeDifferential(
  'time.Month, time.Weekday and time.Duration are integers under their names',
  [
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ printf "%d|%02d|%v|%s|%x|%5d|%t" $t.Month $t.Month $t.Month $t.Weekday $t.Weekday $t.Weekday $t.Month }}',
    ),
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ eq $t.Month 5 }} {{ eq 3 $t.Weekday }} {{ lt $t.Month 6 }} {{ ge $t.Weekday 4 }} {{ eq $t.Month $t.Weekday }} {{ ne $t.Month 4 }}',
    ),
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ $zero := $t.Sub $t }}{{ if $t.Month }}m{{ end }}{{ if $zero }}z{{ else }}-{{ end }} {{ empty $zero }} {{ empty $t.Weekday }} {{ kindOf $t.Month }} {{ kindOf $zero }} {{ typeOf $zero }}',
    ),
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ add $t.Month 1 }} {{ int64 $t.Month }} {{ float64 $t.Weekday }} {{ int $t.Month }} {{ int64 ($t.Sub (toDate "2006-01-02" "2024-04-30")) }} {{ printf "%d" ($t.Sub (toDate "2006-01-02" "2024-04-30")) }} {{ max $t.Month 3 }}',
    ),
    withData(
      '{{ $t := toDate "2006-01-02" .d }}{{ printf "%v %d" (list $t.Month $t.Weekday) (list $t.Month) }}',
    ),
  ],
  functions,
);
