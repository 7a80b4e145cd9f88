// ESO's certSANs on a certificate Go made, compared with the SANs Go read from it (eso-go-fixtures.ts).
import { describe, expect, it } from 'vitest';
import { certSans } from './cert-sans.ts';
import { goCertificates, goEdgeSanCertificates, goEdgeSans, goSans } from './eso-go-fixtures.ts';

const sansPem = goCertificates.sans ?? '';

describe('certSans', () => {
  it('lists DNS names, IP addresses, emails and URIs, in that order, as Go prints them', () => {
    expect(certSans(sansPem)).toEqual(goSans);
  });

  it('reads the first certificate after leading junk and ignores the rest', () => {
    expect(certSans(`junk before\n${sansPem}${goCertificates.plain ?? ''}`)).toEqual(goSans);
  });

  it('gives an empty list for a certificate without SANs', () => {
    expect(certSans(goCertificates.plain ?? '')).toEqual([]);
  });

  it('fails as ESO does on text without PEM and on a block that is no certificate', () => {
    expect(() => certSans('no pem here')).toThrow('failed to decode PEM block');
    expect(() => certSans('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toThrow(
      'failed to parse certificate: x509: malformed certificate',
    );
  });
});

describe('certSans on hand-written SAN extensions', () => {
  it.each(Object.keys(goEdgeSans))('gives what Go gives: %s', (name) => {
    const expected = goEdgeSans[name];
    const pem = goEdgeSanCertificates[name] ?? '';
    if (Array.isArray(expected)) expect(certSans(pem)).toEqual(expected);
    else expect(() => certSans(pem)).toThrow(expected?.error.replace(/ ".*": parse ".*":/, ':'));
  });
});
