import { describe, expect, it } from 'vitest';
import { parseIpForCertificate } from './ip-address.ts';

// Which addresses Go's net.ParseIP accepts (checked against Go in
// test/template/functions-certificates.test.ts), and the bytes x509 writes for them.
describe('parseIpForCertificate', () => {
  it.each([
    ['10.0.0.1', '0a000001'],
    ['255.255.255.255', 'ffffffff'],
    ['::', '00000000000000000000000000000000'],
    ['::1', '00000000000000000000000000000001'],
    ['2001:db8::8a2e:370:7334', '20010db80000000000008a2e03707334'],
    ['::ffff:192.0.2.1', 'c0000201'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['1:2:3:4:5:6:1.2.3.4', '00010002000300040005000601020304'],
    ['::1.2.3.4', '00000000000000000000000001020304'],
  ])('%s', (text, hex) => {
    expect(Buffer.from(parseIpForCertificate(text) ?? []).toString('hex')).toBe(hex);
  });

  it.each([
    'fe80::1%eth0',
    '010.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '1.2.3.4::',
    ':1',
    '12345::',
    ' 1.2.3.4',
    '',
  ])('refuses %j', (text) => {
    expect(parseIpForCertificate(text)).toBeUndefined();
  });
});
