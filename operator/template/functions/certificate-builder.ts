// The certificates Sprig's generators make with Go's x509.CreateCertificate, built the same way:
// version 3, Sprig's 128-bit random serial, subject and issuer names, the validity it asks for, and
// the extensions Go writes for its template in Go's order (key usage, extended key usage, basic
// constraints, subject and authority key identifiers, alternative names). node-forge's certificate
// model writes RSA keys only and Sprig's WithKey functions also take ECDSA and Ed25519 keys, so the
// to-be-signed structure is put together with node-forge's ASN.1 helpers and signed by node:crypto.
import { createHash, createPublicKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { goStringToBytes } from '../go-string.ts';
import {
  asn1Type,
  binaryString,
  children,
  explicit,
  implicit,
  isContextTag,
  objectIdentifier,
  parseDer,
  primitive,
  sequence,
  set,
  toDer,
  unsignedInteger,
  type Asn1,
} from './der.ts';
import type { PrivateKey } from './private-keys.ts';
import { FunctionError } from './types.ts';

/** What Sprig's getBaseCertTemplate sets, and whether it is a CA. */
export interface CertificateTemplate {
  readonly commonName: string;
  /** 4 bytes for an IPv4 address, 16 for IPv6. */
  readonly ipAddresses: readonly Uint8Array[];
  readonly dnsNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialNumber: Uint8Array;
  readonly isCA: boolean;
}

/** The parent certificate of a signed certificate, as Go reads it from the CA's PEM. */
export interface ParentCertificate {
  /** The DER Name the certificate was issued to, which becomes the issuer. */
  readonly subject: Uint8Array;
  /** Empty when the certificate has none. */
  readonly subjectKeyId: Uint8Array;
  readonly publicKey: KeyObject;
}

const oids = {
  commonName: '2.5.4.3',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
};

// Go's encoding of the key usage bit strings: digitalSignature | keyEncipherment, and certSign too for a CA.
const leafKeyUsage = '\x05\xa0';
const caKeyUsage = '\x02\xa4';

/** x509.CreateCertificate(template, parent, subjectKey's public key, signingKey), as DER; `parent`
 * undefined means self-signed. Checks come in Go's order, with its messages. */
export function createCertificate(
  template: CertificateTemplate,
  subjectKey: PrivateKey,
  signingKey: PrivateKey,
  parent: ParentCertificate | undefined,
): Uint8Array {
  const signer = signingParameters(signingKey);
  const publicKeyInfo = subjectPublicKeyInfo(subjectKey);
  const subject = toDer(distinguishedName(template.commonName));
  const issuer = parent?.subject ?? subject;
  const issuedToItself = Buffer.from(issuer).equals(subject);
  const authorityKeyId = !issuedToItself && parent !== undefined ? parent.subjectKeyId : new Uint8Array();
  const subjectKeyId = template.isCA ? subjectKeyIdentifier(publicKeyInfo) : new Uint8Array();
  if (parent !== undefined && !publicKeyInfoOf(signer.key).equals(publicKeyInfoOf(parent.publicKey)))
    throw new FunctionError("x509: provided PrivateKey doesn't match parent's PublicKey");
  const extensions = certificateExtensions(template, subject.length === 2, authorityKeyId, subjectKeyId);
  const tbs = sequence([
    explicit(0, primitive(asn1Type.INTEGER, '\x02')),
    unsignedInteger(template.serialNumber),
    signer.algorithm,
    parseDer(issuer),
    sequence([asn1Time(template.notBefore), asn1Time(template.notAfter)]),
    parseDer(subject),
    parseDer(publicKeyInfo),
    explicit(3, sequence(extensions)),
  ]);
  const tbsDer = toDer(tbs);
  const signature = signer.sign(tbsDer);
  return toDer(
    sequence([tbs, signer.algorithm, primitive(asn1Type.BITSTRING, `\x00${binaryString(signature)}`)]),
  );
}

interface Signer {
  readonly key: KeyObject;
  readonly algorithm: Asn1;
  readonly sign: (data: Uint8Array) => Uint8Array;
}

/** Go's signingParamsForKey: SHA-256 with RSA (PKCS #1 v1.5), ECDSA with the hash that suits the
 * curve, or Ed25519. */
function signingParameters(key: PrivateKey): Signer {
  if (key.kind === 'dsa' || key.kind === 'x25519')
    throw new FunctionError('x509: certificate private key does not implement crypto.Signer');
  const { key: keyObject } = key;
  if (key.kind === 'ed25519') {
    return {
      key: keyObject,
      algorithm: sequence([objectIdentifier(oids.ed25519)]),
      sign: (data) => sign(null, data, keyObject),
    };
  }
  if (key.kind === 'rsa') {
    return {
      key: keyObject,
      algorithm: sequence([objectIdentifier(oids.sha256WithRsa), primitive(asn1Type.NULL, '')]),
      sign: (data) => {
        const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
        // Go's crypto/rsa refuses to sign with keys under 1024 bits (since Go 1.24).
        if (bits < 1024)
          throw new FunctionError(
            `crypto/rsa: ${bits}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)`,
          );
        return sign('sha256', data, keyObject);
      },
    };
  }
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  const [hash, oid] =
    curve === 'secp384r1'
      ? ['sha384', oids.ecdsaWithSha384]
      : curve === 'secp521r1'
        ? ['sha512', oids.ecdsaWithSha512]
        : ['sha256', oids.ecdsaWithSha256];
  return {
    key: keyObject,
    algorithm: sequence([objectIdentifier(oid)]),
    sign: (data) => sign(hash, data, { key: keyObject, dsaEncoding: 'der' }),
  };
}

/** Go's marshalPublicKey: RSA, ECDSA and Ed25519 keys only. */
function subjectPublicKeyInfo(key: PrivateKey): Uint8Array {
  if (key.kind === 'dsa') throw new FunctionError('x509: unsupported public key type: *dsa.PublicKey');
  if (key.kind === 'x25519') throw new FunctionError('x509: unsupported public key type: *ecdh.PublicKey');
  return publicKeyInfoOf(key.key);
}

function publicKeyInfoOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return publicKey.export({ type: 'spki', format: 'der' });
}

/** Go's default for a CA: the SHA-1 of the public key's bits (RFC 5280's method 1). */
function subjectKeyIdentifier(publicKeyInfo: Uint8Array): Uint8Array {
  const bitString = children(parseDer(publicKeyInfo))[1];
  const bits = typeof bitString?.value === 'string' ? bitString.value.slice(1) : '';
  return new Uint8Array(createHash('sha1').update(Buffer.from(bits, 'binary')).digest());
}

/** pkix.Name{CommonName: cn} as Go writes it: no attribute at all for "", a PrintableString when
 * every character allows it, otherwise a UTF8String. */
function distinguishedName(commonName: string): Asn1 {
  if (commonName === '') return sequence([]);
  const bytes = goStringToBytes(commonName);
  let type: forge.asn1.Type = asn1Type.PRINTABLESTRING;
  if (!isPrintableString(commonName)) {
    if (!isValidUtf8(bytes)) throw new FunctionError('asn1: string not valid UTF-8');
    type = asn1Type.UTF8;
  }
  const attribute = sequence([objectIdentifier(oids.commonName), primitive(type, binaryString(bytes))]);
  return sequence([set([attribute])]);
}

/** Go's encoding/asn1 isPrintable when marshalling: '*' and '&' are not allowed. */
function isPrintableString(text: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise, in whole seconds. */
function asn1Time(date: Date): Asn1 {
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return primitive(asn1Type.UTCTIME, forge.asn1.dateToUtcTime(date));
  return primitive(asn1Type.GENERALIZEDTIME, forge.asn1.dateToGeneralizedTime(date));
}

/** Go's buildCertExtensions for Sprig's template. */
function certificateExtensions(
  template: CertificateTemplate,
  subjectIsEmpty: boolean,
  authorityKeyId: Uint8Array,
  subjectKeyId: Uint8Array,
): Asn1[] {
  const extensions = [
    extension(oids.keyUsage, true, primitive(asn1Type.BITSTRING, template.isCA ? caKeyUsage : leafKeyUsage)),
    extension(
      oids.extendedKeyUsage,
      false,
      sequence([objectIdentifier(oids.serverAuth), objectIdentifier(oids.clientAuth)]),
    ),
    extension(
      oids.basicConstraints,
      true,
      sequence(template.isCA ? [primitive(asn1Type.BOOLEAN, '\xff')] : []),
    ),
  ];
  if (subjectKeyId.length > 0)
    extensions.push(
      extension(oids.subjectKeyId, false, primitive(asn1Type.OCTETSTRING, binaryString(subjectKeyId))),
    );
  if (authorityKeyId.length > 0)
    extensions.push(
      extension(oids.authorityKeyId, false, sequence([implicit(0, binaryString(authorityKeyId))])),
    );
  if (template.dnsNames.length > 0 || template.ipAddresses.length > 0)
    extensions.push(extension(oids.subjectAltName, subjectIsEmpty, alternativeNames(template)));
  return extensions;
}

/** GeneralNames: DNS names ([2] IA5String), then IP addresses ([7] OCTET STRING). */
function alternativeNames(template: CertificateTemplate): Asn1 {
  const names: Asn1[] = [];
  for (const name of template.dnsNames) {
    const bytes = goStringToBytes(name);
    // Go names the value in its message; Ferry leaves it out (it may come from a secret).
    if (bytes.some((byte) => byte > 0x7f))
      throw new FunctionError('x509: a DNS name cannot be encoded as an IA5String');
    names.push(implicit(2, binaryString(bytes)));
  }
  for (const address of template.ipAddresses) names.push(implicit(7, binaryString(address)));
  return sequence(names);
}

function extension(oid: string, critical: boolean, value: Asn1): Asn1 {
  const parts = [objectIdentifier(oid)];
  if (critical) parts.push(primitive(asn1Type.BOOLEAN, '\xff'));
  parts.push(primitive(asn1Type.OCTETSTRING, binaryString(toDer(value))));
  return sequence(parts);
}

/** x509.ParseCertificate of a CA's DER, for what signing with it needs. Its errors name no bytes. */
export function readParentCertificate(der: Uint8Array): ParentCertificate {
  let publicKey: KeyObject;
  let tbsFields: Asn1[];
  try {
    publicKey = new X509Certificate(der).publicKey;
    tbsFields = children(children(parseDer(der))[0]);
  } catch {
    throw new FunctionError(malformedCertificateReason(der));
  }
  // Fields: [0] version, serial, signature algorithm, issuer, validity, subject, key, [3] extensions.
  const offset = tbsFields[0] !== undefined && isContextTag(tbsFields[0], 0) ? 1 : 0;
  const subject = tbsFields[offset + 4];
  if (subject === undefined) throw new FunctionError('x509: malformed certificate');
  return { subject: toDer(subject), subjectKeyId: readSubjectKeyId(tbsFields), publicKey };
}

/** Go's first complaint about DER that is not a certificate: about the outer SEQUENCE, or about
 * the to-be-signed one inside it. (Go's more specific complaints further in — a malformed
 * version, serial, validity… — are all "malformed tbs certificate" here.) */
function malformedCertificateReason(der: Uint8Array): string {
  let outer: Asn1;
  try {
    outer = parseDer(der, { parseAllBytes: false });
  } catch {
    return 'x509: malformed certificate';
  }
  if (outer.type !== asn1Type.SEQUENCE || !outer.constructed) return 'x509: malformed certificate';
  return 'x509: malformed tbs certificate';
}

function readSubjectKeyId(tbsFields: Asn1[]): Uint8Array {
  const extensionsField = tbsFields.find((field) => isContextTag(field, 3));
  for (const entry of children(children(extensionsField)[0])) {
    const [oid, ...rest] = children(entry);
    const value = rest.at(-1);
    if (typeof oid?.value !== 'string' || typeof value?.value !== 'string') continue;
    if (forge.asn1.derToOid(oid.value) !== oids.subjectKeyId) continue;
    const inner = parseDer(new Uint8Array(Buffer.from(value.value, 'binary')));
    if (typeof inner.value === 'string') return new Uint8Array(Buffer.from(inner.value, 'binary'));
  }
  return new Uint8Array();
}
