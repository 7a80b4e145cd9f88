// Sprig's private keys: the four kinds genPrivateKey makes, the PEM blocks Sprig writes keys in (its
// pemBlockForKey: "RSA PRIVATE KEY" PKCS #1, "EC PRIVATE KEY" SEC 1, "DSA PRIVATE KEY", otherwise
// "PRIVATE KEY" PKCS #8), and the PEM it reads back for the WithKey functions (its
// parsePrivateKeyPEM), with Go's error messages. Keys are node:crypto KeyObjects, made by
// generateKeyPairSync with the system's random source (not the FunctionEnvironment's).
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  asn1Type,
  binaryBytes,
  children,
  contentOf,
  parseDer,
  primitive,
  sequence,
  toDer,
  type Asn1,
} from './der.ts';
import { decodePem, encodePem } from './pem.ts';
import { FunctionError } from './types.ts';

/** A key Sprig can hold. DSA keys are kept as Go's DSAKeyFormat DER: node:crypto can make one but
 * neither reads nor writes that layout, and Go cannot sign certificates with DSA anyway. */
export type PrivateKey =
  | { readonly kind: 'rsa' | 'ec' | 'ed25519' | 'x25519'; readonly key: KeyObject }
  | { readonly kind: 'dsa'; readonly der: Uint8Array };

/** The curves Go's crypto/x509 reads, by OpenSSL's names. */
const goCurves = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'secp224r1']);

// Where Go reports the ASN.1 decoder's own detail (tags, offsets), Ferry says only that the
// structure is malformed.
const malformed = 'asn1: structure error: malformed key';

/** genPrivateKey: a PEM key of the type, or Sprig's "Unknown type" text (not an error). */
export function generatePrivateKeyPem(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return privateKeyPem(generateRsaKey(4096));
    case 'dsa':
      return privateKeyPem(generateDsaKey());
    case 'ecdsa':
      return privateKeyPem({
        kind: 'ec',
        key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
      });
    case 'ed25519':
      return privateKeyPem({ kind: 'ed25519', key: generateKeyPairSync('ed25519').privateKey });
    default:
      return `Unknown type ${type}`;
  }
}

/** An RSA key as Go's rsa.GenerateKey makes it (exponent 65537). */
export function generateRsaKey(bits: number): PrivateKey {
  return { kind: 'rsa', key: generateKeyPairSync('rsa', { modulusLength: bits }).privateKey };
}

/** Go's dsa.L2048N256 parameters and a key over them, in Sprig's DSAKeyFormat. */
function generateDsaKey(): PrivateKey {
  const { privateKey, publicKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  // PKCS #8 holds p, q, g (the algorithm's parameters) and x; the SubjectPublicKeyInfo holds y.
  const pkcs8 = parseDer(privateKey.export({ type: 'pkcs8', format: 'der' }));
  const [p, q, g] = children(children(children(pkcs8)[1])[1]);
  const x = parseDer(binaryBytes(contentOf(children(pkcs8)[2], malformed)));
  const spki = parseDer(publicKey.export({ type: 'spki', format: 'der' }));
  // The BIT STRING's first byte counts unused bits (0); the INTEGER y follows.
  const y = parseDer(binaryBytes(contentOf(children(spki)[1], malformed).slice(1)));
  return { kind: 'dsa', der: dsaKeyFormat([p, q, g, y, x]) };
}

/** Go's DSAKeyFormat: SEQUENCE { version INTEGER (0), p, q, g, y, x } — the layout OpenSSL calls a
 * traditional DSA key. node:crypto writes DSA keys only as PKCS #8, so this one is assembled here. */
function dsaKeyFormat(integers: (Asn1 | undefined)[]): Uint8Array {
  const parts = integers.map((integer) => {
    if (integer?.type !== asn1Type.INTEGER) throw new FunctionError(malformed);
    return primitive(asn1Type.INTEGER, contentOf(integer, malformed));
  });
  return toDer(sequence([primitive(asn1Type.INTEGER, '\x00'), ...parts]));
}

/** Sprig's pemBlockForKey, encoded. */
export function privateKeyPem(key: PrivateKey): string {
  switch (key.kind) {
    case 'rsa':
      return encodePem('RSA PRIVATE KEY', key.key.export({ type: 'pkcs1', format: 'der' }));
    case 'ec':
      return encodePem('EC PRIVATE KEY', key.key.export({ type: 'sec1', format: 'der' }));
    case 'dsa':
      return encodePem('DSA PRIVATE KEY', key.der);
    default:
      return encodePem('PRIVATE KEY', key.key.export({ type: 'pkcs8', format: 'der' }));
  }
}

/** Sprig's parsePrivateKeyPEM. Its errors name the PEM block's type and Go's reason, never key bytes. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const { block } = decodePem(text);
  if (block === undefined) throw new FunctionError('no PEM data in input');
  if (block.type === 'PRIVATE KEY')
    return withPrefix('decoding PEM as PKCS#8: ', () => parsePkcs8(block.bytes));
  if (!block.type.endsWith(' PRIVATE KEY'))
    throw new FunctionError(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -' PRIVATE KEY'.length)) {
    case 'RSA':
      return withPrefix('parsing RSA private key from PEM: ', () => parsePkcs1(block.bytes));
    case 'EC':
      return withPrefix('parsing EC private key from PEM: ', () => parseSec1(block.bytes));
    case 'DSA':
      return withPrefix('parsing DSA private key from PEM: ', () => parseDsa(block.bytes));
    default:
      throw new FunctionError(`invalid private key type ${block.type}`);
  }
}

function withPrefix<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FunctionError) throw new FunctionError(prefix + error.message);
    throw error;
  }
}

type DerKind = 'pkcs1' | 'sec1' | 'pkcs8';

/** The format a DER key's outer structure has, as Go's encoding/asn1 would tell them apart:
 * PKCS #1 starts with two INTEGERs, SEC 1 with an INTEGER and an OCTET STRING, PKCS #8 with an
 * INTEGER and a SEQUENCE. (OpenSSL, under node:crypto, reads any of them whatever it is told.) */
function derFormat(der: Uint8Array): DerKind | undefined {
  let outer: Asn1;
  try {
    outer = parseDer(der);
  } catch {
    return undefined;
  }
  const [first, second] = children(outer).map((child) => child.type);
  if (outer.type !== asn1Type.SEQUENCE || first !== asn1Type.INTEGER) return undefined;
  if (second === asn1Type.INTEGER) return 'pkcs1';
  if (second === asn1Type.OCTETSTRING) return 'sec1';
  if (second === asn1Type.SEQUENCE) return 'pkcs8';
  return undefined;
}

function importKey(der: Uint8Array, type: DerKind): KeyObject | undefined {
  if (derFormat(der) !== type) return undefined;
  try {
    return createPrivateKey({ key: Buffer.from(der), format: 'der', type });
  } catch {
    return undefined;
  }
}

/** Go's hint when a key is in another of its formats: "use ParseECPrivateKey instead". */
function wrongFormat(der: Uint8Array, candidates: DerKind[], otherwise: string): FunctionError {
  const parser = { pkcs1: 'ParsePKCS1PrivateKey', sec1: 'ParseECPrivateKey', pkcs8: 'ParsePKCS8PrivateKey' };
  const found = candidates.find((candidate) => importKey(der, candidate) !== undefined);
  if (found === undefined) return new FunctionError(otherwise);
  return new FunctionError(
    `x509: failed to parse private key (use ${parser[found]} instead for this key format)`,
  );
}

function parsePkcs1(der: Uint8Array): PrivateKey {
  const key = importKey(der, 'pkcs1');
  if (key?.asymmetricKeyType !== 'rsa') throw wrongFormat(der, ['sec1', 'pkcs8'], malformed);
  return { kind: 'rsa', key };
}

function parseSec1(der: Uint8Array): PrivateKey {
  const key = importKey(der, 'sec1');
  if (key?.asymmetricKeyType !== 'ec')
    throw wrongFormat(der, ['pkcs8', 'pkcs1'], `x509: failed to parse EC private key: ${malformed}`);
  if (!goCurves.has(key.asymmetricKeyDetails?.namedCurve ?? ''))
    throw new FunctionError('x509: unknown elliptic curve');
  return { kind: 'ec', key };
}

function parsePkcs8(der: Uint8Array): PrivateKey {
  const key = importKey(der, 'pkcs8');
  if (key === undefined) throw wrongFormat(der, ['sec1', 'pkcs1'], malformed);
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'ed25519':
    case 'x25519':
      return { kind: key.asymmetricKeyType, key };
    case 'ec':
      if (!goCurves.has(key.asymmetricKeyDetails?.namedCurve ?? ''))
        throw new FunctionError(
          'x509: failed to parse EC private key embedded in PKCS#8: x509: unknown elliptic curve',
        );
      return { kind: 'ec', key };
    default:
      throw new FunctionError(
        `x509: PKCS#8 wrapping contained private key with unknown algorithm: ${pkcs8AlgorithmOid(der)}`,
      );
  }
}

/** The algorithm OID of a PKCS #8 key that node:crypto read (so the structure is sound). */
function pkcs8AlgorithmOid(der: Uint8Array): string {
  const algorithm = children(children(parseDer(der))[1])[0];
  return forge.asn1.derToOid(contentOf(algorithm, malformed));
}

/** Sprig reads DSAKeyFormat with encoding/asn1 (trailing bytes ignored) and writes it back with version 0. */
function parseDsa(der: Uint8Array): PrivateKey {
  let format: Asn1;
  try {
    format = parseDer(der, { parseAllBytes: false });
  } catch {
    throw new FunctionError(malformed);
  }
  const [, ...integers] = children(format);
  if (format.type !== asn1Type.SEQUENCE || integers.length < 5) throw new FunctionError(malformed);
  return { kind: 'dsa', der: dsaKeyFormat(integers.slice(0, 5)) };
}
