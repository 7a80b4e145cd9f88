// `env` and `expandenv` are removed, as ESO removes them: a template that calls them does not parse,
// in Go (the oracle registers Sprig as ESO does) and in Ferry alike. (`getHostByName`, removed by
// ESO's newest releases and by Ferry, still resolves names in the oracle's Sprig, so it is not
// compared here; operator/template/functions/index.test.ts checks it is absent.)
import { describe, expect, it } from 'vitest';
import { removedFunctions } from '../../operator/template/index.ts';
import { describeDifferential, oracleFunctionNames } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

/** ESO's own functions beyond Sprig's (its runtime/template/v2 FuncMap, and hexdec of its copy of
 * Sprig); the oracle has only toYaml and fromYaml of them. */
const esoOnly = [
  'certSANs',
  'filterCertChain',
  'filterPEM',
  'fullPemToPkcs12',
  'fullPemToPkcs12Pass',
  'hexdec',
  'jwkPrivateKeyPem',
  'jwkPublicKeyPem',
  'pemToPkcs12',
  'pemToPkcs12Pass',
  'pemTruststoreToPKCS12',
  'pemTruststoreToPKCS12Pass',
  'pkcs12cert',
  'pkcs12certPass',
  'pkcs12key',
  'pkcs12keyPass',
  'rsaDecrypt',
];

describe('the function set', () => {
  it('is every function of Sprig v3.3.0 (as ESO registers it) and ESO’s own, less the removed ones', async () => {
    const go = await oracleFunctionNames('eso');
    expect(go).toContain('upper'); // the oracle answered with Sprig's set
    const expected = [...go, ...esoOnly].filter((name) => !removedFunctions.includes(name)).sort();
    expect([...functions.keys()].sort()).toEqual(expected);
  });
});

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
