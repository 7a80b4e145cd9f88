// Go's pkix.Name.String of certificate subjects, compared with what Go printed (eso-go-fixtures.ts).
import { describe, expect, it } from 'vitest';
import { readCertificateParts } from './certificate-parts.ts';
import { goCertificates, goSubjectStrings } from './eso-go-fixtures.ts';
import { goNameString } from './go-name-string.ts';
import { decodePem } from './pem.ts';

describe('goNameString', () => {
  // ordered: Go's field order and reversal, multi-valued OU, unknown attributes as #hex (a
  // PrintableString or, with '@', '*' or '&', a UTF8String); escaped: RFC 2253 escaping; twoCN: the
  // last CN wins and an empty C still prints; empty: no attributes at all.
  it.each(Object.keys(goSubjectStrings))('prints the subject as Go does: %s', (name) => {
    const block = decodePem(goCertificates[name] ?? '').block;
    if (block === undefined) throw new Error(`no certificate ${name}`);
    expect(goNameString(readCertificateParts(block.bytes).subject)).toBe(goSubjectStrings[name]);
  });

  it('encodes long unknown values with a long-form DER length', () => {
    const value = 'a'.repeat(200);
    expect(goNameString([[{ oid: '2.5.4.4', value }]])).toBe(
      `2.5.4.4=#1381c8${Buffer.from(value).toString('hex')}`,
    );
  });
});
