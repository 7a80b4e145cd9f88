// Sprig's key and certificate generators and derivePassword, against Go's text/template + Sprig.
// derivePassword, the errors and whatever else does not depend on randomness are compared byte for
// byte. Generated material cannot be: instead Go is handed Ferry's keys and certificates (it must
// read them, sign with them and sign for them), Ferry is handed Go's, and the certificates and keys
// each side makes are compared field by field (extensions, encodings, algorithms, sizes).
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate, stringMap } from '../../operator/template/index.ts';
import { describeDifferential, runOracle, type OracleResult } from '../template-oracle/index.ts';
import { functions, sprig } from './functions-cases.ts';

const render = (template: string, data: Record<string, string> = {}) =>
  renderTemplate('t', template, stringMap(data), { functions });

/** DER of a key made here with node:crypto, in a PEM block of the given type. */
function pem(type: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
const keys = {
  rsa512: pem(
    'RSA PRIVATE KEY',
    generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey.export({ type: 'pkcs1', format: 'der' }),
  ),
  rsaPkcs8: pem('PRIVATE KEY', rsa1024.export({ type: 'pkcs8', format: 'der' })),
  p384: pem('EC PRIVATE KEY', p384.export({ type: 'sec1', format: 'der' })),
  p384Pkcs8: pem('PRIVATE KEY', p384.export({ type: 'pkcs8', format: 'der' })),
  secp256k1: pem('EC PRIVATE KEY', secp256k1.export({ type: 'sec1', format: 'der' })),
  secp256k1Pkcs8: pem('PRIVATE KEY', secp256k1.export({ type: 'pkcs8', format: 'der' })),
  x25519: pem(
    'PRIVATE KEY',
    generateKeyPairSync('x25519').privateKey.export({ type: 'pkcs8', format: 'der' }),
  ),
  ed448: pem('PRIVATE KEY', generateKeyPairSync('ed448').privateKey.export({ type: 'pkcs8', format: 'der' })),
  dsaPkcs8: pem(
    'PRIVATE KEY',
    generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    }),
  ),
  rsaAsEc: pem('EC PRIVATE KEY', rsa1024.export({ type: 'pkcs1', format: 'der' })),
  ecAsRsa: pem('RSA PRIVATE KEY', p384.export({ type: 'sec1', format: 'der' })),
  pkcs8AsRsa: pem('RSA PRIVATE KEY', rsa1024.export({ type: 'pkcs8', format: 'der' })),
  rsaAsPkcs8: pem('PRIVATE KEY', rsa1024.export({ type: 'pkcs1', format: 'der' })),
  ecAsPkcs8: pem('PRIVATE KEY', p384.export({ type: 'sec1', format: 'der' })),
  notAKey: pem('PUBLIC KEY', Buffer.from('not a key')),
  otherType: pem('XX PRIVATE KEY', Buffer.from('not a key')),
  junkRsa: pem('RSA PRIVATE KEY', Buffer.from([0, 0, 0])),
  junkEc: pem('EC PRIVATE KEY', Buffer.from([0, 0, 0])),
  junkPkcs8: pem('PRIVATE KEY', Buffer.from([0, 0, 0])),
  junkDsa: pem('DSA PRIVATE KEY', Buffer.from([0, 0, 0])),
};

// A password type from each of Sprig's templates, counters, and names in several scripts.
const passwordCases = [
  ...['maximum', 'long', 'medium', 'short', 'basic', 'pin'].flatMap((type) => [
    sprig(`{{ derivePassword 1 "${type}" "correct horse" "alice" "example.com" }}`),
    sprig(`{{ derivePassword 7 "${type}" .password .user .site }}`, {
      password: 'pässwörd 🔑',
      user: 'ユーザー',
      site: 'пример.рф',
    }),
  ]),
  sprig('{{ derivePassword 0 "long" "" "" "" }}'),
  sprig('{{ derivePassword 4294967295 "long" "pw" "user" "site" }}'),
  sprig(
    '{{ derivePassword 4294967296 "long" "pw" "user" "site" }}|{{ derivePassword 0 "long" "pw" "user" "site" }}',
  ),
  sprig('{{ derivePassword 2.0 "basic" "pw" "user" "site" }}'),
  sprig('{{ derivePassword 0x10 "medium" "pw" "user" "site" }}'),
  sprig('{{ derivePassword 1 "Long" "pw" "user" "site" }}|{{ derivePassword 1 "" "pw" "user" "site" }}'),
  sprig('{{ derivePassword 1 "pin" (b64dec "/w==") "user" "site" }}'),
  sprig('{{ derivePassword 1 "long" "pw" "user" }}'),
  sprig('{{ derivePassword 1 "long" "pw" "user" 5 }}'),
  // Go's counter is a uint32 ("expected unsigned integer"); Ferry's is an int (see docs/templates.md).
  sprig('{{ derivePassword "1" "long" "pw" "user" "site" }}', {}, { errorMatch: 'location' }),
];

describeDifferential('derivePassword', passwordCases, functions);

/** A case whose message Ferry words without the value Go quotes. */
const redacted = (template: string) => sprig(template, {}, { errorMatch: 'location' });

describeDifferential(
  'certificate functions: types, arguments and errors',
  [
    sprig('{{ genPrivateKey "bogus" }}|{{ genPrivateKey "RSA" }}|{{ genPrivateKey "ECDSA" }}'),
    sprig('{{ printf "%T" (genCA "x" 1) }}|{{ typeOf (genPrivateKey "ecdsa") }}|{{ kindOf (genCA "x" 1) }}'),
    sprig('{{ $c := genSelfSignedCert "x" nil nil 1 }}{{ printf "%T %T" $c.Cert $c.Key }}'),
    sprig(
      '{{ $c := genCA "x" 1 }}{{ eq $c $c }}|{{ if $c }}yes{{ end }}|{{ hasPrefix "-----BEGIN CERTIFICATE-----\\n" $c.Cert }}',
    ),
    sprig('{{ (genCA "x" 1).Nope }}'),
    sprig('{{ genCA "x" }}'),
    sprig('{{ genCA "x" "1" }}'),
    sprig('{{ genCA 1 1 }}'),
    sprig('{{ genCA "x" 1.5 }}'),
    sprig('{{ genPrivateKey }}'),
    sprig('{{ genSelfSignedCert "x" "1.2.3.4" nil 1 }}'),
    sprig('{{ genSelfSignedCert "x" nil nil 1 "extra" }}'),
    sprig('{{ genSignedCert "x" nil nil 1 "ca" }}'),
    sprig('{{ genSignedCert "x" nil nil 1 nil }}'),
    sprig('{{ genSignedCert "x" nil nil 1 (genPrivateKey "ecdsa") }}'),
    sprig('{{ genSignedCertWithKey "x" nil nil 1 (genCA "ca" 1) }}'),
    sprig('{{ buildCustomCert "x" }}'),
    sprig('{{ buildCustomCert "!!" "" }}|'),
    sprig('{{ buildCustomCert "" "!!" }}'),
    sprig('{{ buildCustomCert "" "" }}'),
    sprig(
      '{{ buildCustomCert (b64enc "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n") "" }}',
      {},
    ),
    sprig('{{ buildCustomCert (b64enc (genCA "a" 1).Cert) "" }}'),
    sprig(
      '{{ buildCustomCert (b64enc "-----BEGIN CERTIFICATE-----\\nMAA=\\n-----END CERTIFICATE-----\\n") "" }}',
    ),
    sprig('{{ buildCustomCert (b64enc .key) (b64enc .key) }}', { key: keys.p384 }),
    sprig(
      '{{ $c := buildCustomCert (b64enc (printf "junk\\n%s" (genCA "a" 1).Cert)) (b64enc (genPrivateKey "ecdsa")) }}{{ genSignedCert "x" nil nil 1 $c }}',
    ),
    sprig(
      '{{ (genCA "a\\nb\\u0000" 1).Cert | len | lt 0 }}|{{ (genSelfSignedCert "x" (list "FE80::A") (list "\\u0000") 1).Cert | len | lt 0 }}',
    ),
    sprig('{{ genSignedCert "x" nil nil 1 (buildCustomCert "" "") }}'),
    redacted('{{ genSelfSignedCert "x" (list "bad") nil 1 }}'),
    redacted('{{ genSelfSignedCert "x" (list 1) nil 1 }}'),
    redacted('{{ genSelfSignedCert "x" nil (list "a" 2) 1 }}'),
    redacted('{{ genSelfSignedCert "x" nil (list "é.example") 1 }}'),
    sprig('{{ genCA (b64dec "/w==") 1 }}'),
    sprig('{{ genCAWithKey "x" 1 "junk" }}'),
    sprig('{{ genSelfSignedCertWithKey "x" nil nil 1 (genPrivateKey "dsa") }}'),
    sprig('{{ genSignedCertWithKey "x" nil nil 1 (genCA "ca" 1) (genPrivateKey "dsa") }}'),
    sprig(
      '{{ genSignedCert "x" nil nil 1 (buildCustomCert (b64enc (genCA "a" 1).Cert) (b64enc (genPrivateKey "ecdsa"))) }}',
    ),
    // Go's net.ParseIP decides which addresses a certificate may name.
    ...[
      '10.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '2001:db8::8a2e:370:7334',
      '::ffff:192.0.2.1',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:1.2.3.4',
      'fe80::1%eth0',
      '010.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.1',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '1.2.3.4::',
      '::1.2.3.4',
      ':1',
      '12345::',
      ' 1.2.3.4',
      '',
    ].map((ip) =>
      sprig(
        `{{ $c := genSelfSignedCertWithKey "x" (list .ip) nil 1 (genPrivateKey "ecdsa") }}ok`,
        { ip },
        {
          errorMatch: 'location',
        },
      ),
    ),
    // Keys Sprig reads, or refuses with Go's reason.
    ...Object.entries(keys).map(([name, key]) =>
      sprig(
        '{{ $c := genCAWithKey "x" 1 .key }}{{ $c.Key | len | lt 0 }}',
        { key },
        {
          title: `genCAWithKey with the key ${name}`,
          // Go words the ASN.1 decoder's complaint in detail; Ferry says the structure is malformed.
          errorMatch: name.startsWith('junk') ? 'location' : 'message',
        },
      ),
    ),
  ],
  functions,
);

// Ferry's own keys and certificates, made once: Go must read each and sign with or for it.
const ferryKeys = {
  rsa: render('{{ genPrivateKey "rsa" }}'),
  ecdsa: render('{{ genPrivateKey "ecdsa" }}'),
  ed25519: render('{{ genPrivateKey "ed25519" }}'),
  dsa: render('{{ genPrivateKey "dsa" }}'),
};
const ferryCa = render(
  '{{ $ca := genCA "ferry-ca" 30 }}{{ $ca.Cert | b64enc }} {{ $ca.Key | b64enc }}',
).split(' ');
const ferryData = {
  ...ferryKeys,
  caCert: Buffer.from(ferryCa[0] ?? '', 'base64').toString(),
  caKey: Buffer.from(ferryCa[1] ?? '', 'base64').toString(),
  leaf: render(
    '{{ (genSignedCert "leaf" (list "10.0.0.1") (list "a.example") 1 (buildCustomCert .c .k)).Cert }}',
    { c: ferryCa[0] ?? '', k: ferryCa[1] ?? '' },
  ),
};

describeDifferential(
  'Go reads and uses the keys and certificates Ferry makes',
  [
    sprig(
      '{{ $c := buildCustomCert (b64enc .caCert) (b64enc .caKey) }}{{ eq $c.Cert .caCert }} {{ eq $c.Key .caKey }}',
      ferryData,
    ),
    sprig('{{ $c := buildCustomCert (b64enc .leaf) (b64enc .ecdsa) }}{{ eq $c.Cert .leaf }}', ferryData),
    sprig(
      '{{ $l := genSignedCert "leaf" nil (list "b.example") 1 (buildCustomCert (b64enc .caCert) (b64enc .caKey)) }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $l.Cert }}',
      ferryData,
    ),
    ...(['rsa', 'ecdsa', 'ed25519'] as const).flatMap((type) => [
      sprig(`{{ $c := genCAWithKey "x" 1 .${type} }}{{ eq $c.Key .${type} }}`, ferryData),
      sprig(
        `{{ $c := genSignedCertWithKey "x" nil nil 1 (buildCustomCert (b64enc .caCert) (b64enc .caKey)) .${type} }}{{ eq $c.Key .${type} }}`,
        ferryData,
      ),
    ]),
    // A certificate value prints, converts to JSON and compares as Go's struct does.
    sprig('{{ buildCustomCert (b64enc .caCert) (b64enc .caKey) }}', ferryData),
    sprig('{{ printf "%+v" (buildCustomCert (b64enc .caCert) (b64enc .caKey)) }}', ferryData),
    sprig('{{ buildCustomCert (b64enc .caCert) (b64enc .caKey) | toJson }}', ferryData),
    sprig(
      '{{ eq (buildCustomCert (b64enc .caCert) (b64enc .caKey)) (buildCustomCert (b64enc .caCert) (b64enc .caKey)) }}',
      ferryData,
    ),
    // Go reads Ferry's DSA key (and writes it back unchanged), though it cannot sign with it.
    sprig('{{ $c := buildCustomCert (b64enc .caCert) (b64enc .dsa) }}{{ eq $c.Key .dsa }}', ferryData),
    sprig('{{ genCAWithKey "x" 1 .dsa }}', ferryData),
    sprig(
      '{{ genSignedCertWithKey "x" nil nil 1 (buildCustomCert (b64enc .caCert) (b64enc .caKey)) .dsa }}',
      ferryData,
    ),
  ],
  functions,
);

// The same material made by each side, compared by structure.
const separator = '\n==\n';
const generated = [
  '{{ $ca := genCA "my-ca" 30 }}{{ $ca.Cert }}==\n{{ $ca.Key }}==\n{{ $l := genSignedCert "leaf" (list "10.0.0.1" "::1" "::ffff:1.2.3.4" "2001:db8::1") (list "a.example" "*.b.example" "") 7 $ca }}{{ $l.Cert }}==\n{{ $l.Key }}',
  '{{ (genSelfSignedCert "" (list "192.168.1.1") (list "x") 1).Cert }}==\n{{ (genSelfSignedCert "web" nil nil 1).Cert }}',
  '{{ $k := genPrivateKey "ecdsa" }}{{ $k }}==\n{{ $ca := genCAWithKey "é*" 2 $k }}{{ $ca.Cert }}==\n{{ (genSignedCertWithKey "a&b" nil nil 3 $ca (genPrivateKey "ed25519")).Cert }}',
  '{{ $k := .p384 }}{{ (genCAWithKey "p384" 2 $k).Cert }}==\n{{ (genSelfSignedCertWithKey "ed" nil nil 2 (genPrivateKey "ed25519")).Cert }}',
  '{{ genPrivateKey "ed25519" }}==\n{{ genPrivateKey "dsa" }}==\n{{ genPrivateKey "" }}',
];
const dayCounts = [
  '0',
  '1',
  '-1',
  '365',
  '106751',
  '106752',
  '200000',
  '9223372036854775807',
  '-9223372036854775808',
];

describe('Ferry makes the certificates and keys Go makes', () => {
  let goResults: OracleResult[] = [];
  let goDays: OracleResult[] = [];
  beforeAll(async () => {
    const data = { p384: keys.p384 };
    goResults = await runOracle(generated.map((template) => sprig(template, data)));
    goDays = await runOracle(
      dayCounts.map((days) => sprig(`{{ (genCAWithKey "d" ${days} .p384).Cert }}`, data)),
    );
  }, 120_000);

  generated.forEach((template, index) => {
    it(`#${index} ${template.slice(0, 90)}…`, () => {
      const go = goResults[index];
      if (!go?.ok) throw new Error(`Go failed: ${JSON.stringify(go)}`);
      const goParts = go.output.split(separator);
      const ferryParts = render(template, { p384: keys.p384 }).split(separator);
      expect(ferryParts.map(shape)).toEqual(goParts.map(shape));
    });
  });

  dayCounts.forEach((days, index) => {
    it(`a certificate valid for ${days} days spans what Go's spans`, () => {
      const go = goDays[index];
      if (!go?.ok) throw new Error(`Go failed: ${JSON.stringify(go)}`);
      const ferry = render(`{{ (genCAWithKey "d" ${days} .p384).Cert }}`, { p384: keys.p384 });
      // Go reads its clock twice, so its span may be a second longer or shorter.
      expect(Math.abs(validitySeconds(ferry) - validitySeconds(go.output))).toBeLessThanOrEqual(1);
      expect(timeEncodings(ferry)).toEqual(timeEncodings(go.output));
    });
  });

  it('signs with Go’s CA, and Go’s CA key identifier becomes the authority key identifier', () => {
    const go = goResults[0];
    if (!go?.ok) throw new Error('Go failed');
    const [caCert = '', caKey = ''] = go.output.split(separator);
    const leaf = render(
      '{{ (genSignedCert "leaf" nil nil 1 (buildCustomCert (b64enc .c) (b64enc .k))).Cert }}',
      {
        c: caCert,
        k: caKey,
      },
    );
    const ca = new X509Certificate(caCert);
    expect(new X509Certificate(leaf).verify(ca.publicKey)).toBe(true);
    expect(extension(leaf, '2.5.29.35')).toBe(`30168014${extension(caCert, '2.5.29.14').slice(4)}`);
  });
});

// ---- reading DER with node-forge's ASN.1 parser ----

function derOf(text: string): forge.asn1.Asn1 {
  const base64 = text.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
  return forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(base64, 'base64').toString('binary')));
}

function hex(node: forge.asn1.Asn1 | undefined): string {
  return node === undefined ? '' : forge.util.bytesToHex(forge.asn1.toDer(node).getBytes());
}

function childrenOf(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : [];
}

function contentOf(node: forge.asn1.Asn1 | undefined): string {
  return typeof node?.value === 'string' ? node.value : '';
}

function blockType(text: string): string {
  return /-----BEGIN ([A-Z ]+)-----/.exec(text)?.[1] ?? '';
}

function tbsFields(text: string): forge.asn1.Asn1[] {
  return childrenOf(childrenOf(derOf(text))[0]);
}

/** Extensions by OID: value hex, critical flag. */
function extensions(text: string): Map<string, { critical: boolean; value: string }> {
  const result = new Map<string, { critical: boolean; value: string }>();
  for (const entry of childrenOf(childrenOf(tbsFields(text)[7])[0])) {
    const [oid, ...rest] = childrenOf(entry);
    const value = rest.at(-1);
    result.set(forge.asn1.derToOid(contentOf(oid)), {
      critical: rest.length === 2,
      value: forge.util.bytesToHex(contentOf(value)),
    });
  }
  return result;
}

function extension(text: string, oid: string): string {
  return extensions(text).get(oid)?.value ?? '';
}

/** Everything about a PEM certificate or key that does not depend on randomness. */
function shape(text: string): unknown {
  const type = blockType(text);
  if (type === 'CERTIFICATE') {
    const [version, serial, signatureAlgorithm, issuer, validity, subject, publicKeyInfo] = tbsFields(text);
    const x509 = new X509Certificate(text);
    const serialLength = typeof serial?.value === 'string' ? serial.value.length : 0;
    return {
      type,
      version: hex(version),
      // 128 random bits: 16 bytes, 17 with a leading zero, rarely fewer.
      serialLength: serialLength >= 14 && serialLength <= 17,
      signatureAlgorithm: hex(signatureAlgorithm),
      outerSignatureAlgorithm: hex(childrenOf(derOf(text))[1]),
      issuer: hex(issuer),
      subject: hex(subject),
      validityDays: Math.round(validitySeconds(text) / 86400),
      timeEncodings: childrenOf(validity).map((time) => time.type),
      publicKeyAlgorithm: hex(childrenOf(publicKeyInfo)[0]),
      publicKey: x509.publicKey.asymmetricKeyDetails,
      extensions: [...extensions(text)].map(([oid, { critical, value }]) => ({
        oid,
        critical,
        // Key identifiers are hashes of random keys: their length is what can match.
        value: oid === '2.5.29.14' || oid === '2.5.29.35' ? value.length : value,
      })),
      signedByIssuer: x509.checkIssued(x509) ? x509.verify(x509.publicKey) : 'not self-issued',
    };
  }
  const key = createPrivateKey(text);
  return {
    type,
    keyType: key.asymmetricKeyType,
    details: key.asymmetricKeyDetails,
    der: skeleton(derOf(text)),
  };
}

/** The tags of a DER tree, with the lengths of fixed-size fields and the values of OIDs and versions. */
function skeleton(node: forge.asn1.Asn1, index = 0): unknown {
  if (Array.isArray(node.value))
    return [node.tagClass, node.type, node.value.map((child, i) => skeleton(child, i))];
  const content = node.value;
  if (node.type === forge.asn1.Type.OID) return [node.tagClass, node.type, forge.asn1.derToOid(content)];
  if (node.type === forge.asn1.Type.INTEGER)
    return [node.tagClass, node.type, index === 0 ? forge.util.bytesToHex(content) : 'integer'];
  return [node.tagClass, node.type, content.length];
}

function validitySeconds(text: string): number {
  const x509 = new X509Certificate(text);
  return (x509.validToDate.getTime() - x509.validFromDate.getTime()) / 1000;
}

function timeEncodings(text: string): number[] {
  return childrenOf(tbsFields(text)[4]).map((time) => time.type);
}
