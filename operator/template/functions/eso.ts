// ESO's own template functions: PKCS#12 ⇄ PEM, Java truststores, PEM filtering, certificate chain
// ordering, SANs, RSA-OAEP decryption and JWK → PEM. The archives and keys they read are Go strings
// holding raw bytes (e.g. `.keystore` from a provider, or `.keystore | b64dec`). Their messages name
// what failed, never the material.
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { goStringToBytes } from '../go-string.ts';
import { certSans } from './cert-sans.ts';
import { isRoot, orderChain, readCertificate, type ChainCertificate } from './cert-chain.ts';
import { readCertificateParts } from './certificate-parts.ts';
import { goNameString } from './go-name-string.ts';
import { readGoPrivateKey } from './go-private-key.ts';
import { decodeAllPem, decodePem, encodePem } from './pem.ts';
import { encodeModernPkcs12, encodeModernTrustStore, type TrustStoreEntry } from './pkcs12-modern.ts';
import { certificatePem, decodePkcs12, exportPkcs8 } from './pkcs12.ts';
import { rsaDecrypt } from './rsa-decrypt.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

const nilDereference = (): FunctionError =>
  new FunctionError('runtime error: invalid memory address or nil pointer dereference');

export const esoFunctions: Record<string, FunctionDefinition> = {
  pkcs12key: fixed(['string'], (archive) => pkcs12Key('', archive)),
  pkcs12keyPass: fixed(['string', 'string'], pkcs12Key),
  pkcs12cert: fixed(['string'], (archive) => pkcs12Certificates('', archive)),
  pkcs12certPass: fixed(['string', 'string'], pkcs12Certificates),
  pemToPkcs12: fixed(['string', 'string'], (certificate, key) => pemToPkcs12(certificate, key, '', false)),
  pemToPkcs12Pass: fixed(['string', 'string', 'string'], (certificate, key, password) =>
    pemToPkcs12(certificate, key, password, false),
  ),
  fullPemToPkcs12: fixed(['string', 'string'], (certificate, key) => pemToPkcs12(certificate, key, '', true)),
  fullPemToPkcs12Pass: fixed(['string', 'string', 'string'], (certificate, key, password) =>
    pemToPkcs12(certificate, key, password, true),
  ),
  pemTruststoreToPKCS12: fixed(['string'], (certificates) => pemTruststoreToPkcs12(certificates, '')),
  pemTruststoreToPKCS12Pass: fixed(['string', 'string'], pemTruststoreToPkcs12),
  filterPEM: fixed(['string', 'string'], filterPem),
  filterCertChain: fixed(['string', 'string'], filterCertChain),
  certSANs: fixed(['string'], certSans),
  rsaDecrypt: fixed(['string', 'string', 'string', 'string'], rsaDecrypt),
  jwkPublicKeyPem: fixed(['string'], (json) => encodePem('PUBLIC KEY', jwkPublicKeyDer(json))),
  jwkPrivateKeyPem: fixed(['string'], (json) => encodePem('PRIVATE KEY', jwkPrivateKeyDer(json))),
};

function pkcs12Key(password: string, archive: string): string {
  try {
    return encodePem('PRIVATE KEY', decodePkcs12(goStringToBytes(archive), password).privateKeyPkcs8);
  } catch (error) {
    throw prefixed('unable to decode pkcs12 with password: ', error);
  }
}

function pkcs12Certificates(password: string, archive: string): string {
  let certificates: Uint8Array[];
  try {
    certificates = decodePkcs12(goStringToBytes(archive), password).certificates;
  } catch (error) {
    throw prefixed('unable to decode pkcs12 certificate with password: ', error);
  }
  try {
    return orderChain(certificates.map(readCertificate))
      .map((certificate) => certificatePem(certificate.der))
      .join('');
  } catch (error) {
    // ESO keeps the archive's order when no single chain can be made.
    if (error instanceof FunctionError) return certificates.map(certificatePem).join('');
    throw error;
  }
}

function prefixed(prefix: string, error: unknown): unknown {
  return error instanceof FunctionError ? new FunctionError(prefix + error.message) : error;
}

/** ESO's pemToPkcs12 family: go-pkcs12's Modern encoder, base64. Go dereferences a nil block when
 * an input holds no PEM where it expects one. */
function pemToPkcs12(
  certificatePemText: string,
  keyPemText: string,
  password: string,
  withChain: boolean,
): string {
  const { block: certificateBlock, rest } = decodePem(certificatePemText);
  if (certificateBlock === undefined) throw nilDereference();
  const leaf = validCertificate(certificateBlock.bytes);
  const caCertificates = withChain ? readCaCertificates(rest).map((entry) => entry.der) : [];
  const { block: keyBlock } = decodePem(keyPemText);
  if (keyBlock === undefined) throw nilDereference();
  const key = exportPkcs8(readGoPrivateKey(keyBlock.bytes));
  return Buffer.from(encodeModernPkcs12(key, leaf, caCertificates, password)).toString('base64');
}

/** ESO's pemTruststoreToPKCS12(Pass): every certificate of the PEM text in a truststore, each named
 * by its subject as Go prints it. */
function pemTruststoreToPkcs12(certificatesPem: string, password: string): string {
  const entries: TrustStoreEntry[] = readCaCertificates(certificatesPem).map(({ der, subject }) => ({
    certificateDer: der,
    friendlyName: subject,
  }));
  return Buffer.from(encodeModernTrustStore(entries, password)).toString('base64');
}

/** ESO's parseCaCerts: PEM blocks until nothing is left; leftover text that is not PEM (even a blank
 * line after the last block) makes Go dereference a nil block. */
function readCaCertificates(text: string): { der: Uint8Array; subject: string }[] {
  const certificates: { der: Uint8Array; subject: string }[] = [];
  let remaining = text;
  while (remaining.length > 0) {
    const next = decodePem(remaining);
    if (next.block === undefined) throw nilDereference();
    const parts = readCertificateParts(next.block.bytes);
    certificates.push({ der: next.block.bytes, subject: goNameString(parts.subject) });
    remaining = next.rest;
  }
  return certificates;
}

function validCertificate(der: Uint8Array): Uint8Array {
  readCertificateParts(der);
  return der;
}

/** ESO's filterPEM: the blocks of one type, re-encoded; junk only matters when nothing matched. */
function filterPem(type: string, input: string): string {
  const begin = input.indexOf('-----BEGIN');
  const { blocks, rest } = decodeAllPem(begin < 0 ? input : input.slice(begin));
  const wanted = type.toLowerCase();
  const matching = blocks.filter((block) => block.type.toLowerCase() === wanted);
  if (matching.length === 0 && rest.length !== 0) throw new FunctionError('error filtering pem: found junk');
  return matching.map((block) => encodePem(block.type, block.bytes, block.headers)).join('');
}

/** ESO's filterCertChain: the leaf, the intermediates or the root of a chain. */
function filterCertChain(kind: string, input: string): string {
  const certificates: ChainCertificate[] = decodeAllPem(input).blocks.map((block) =>
    readCertificate(block.bytes),
  );
  const chain = orderChain(certificates);
  switch (kind) {
    case 'leaf': {
      const leaf = chain[0];
      return leaf !== undefined && leaf.authorityKeyId !== '' && leaf.authorityKeyId !== leaf.subjectKeyId
        ? certificatePem(leaf.der)
        : '';
    }
    case 'intermediate': {
      const intermediates: string[] = [];
      for (const certificate of chain.slice(1)) {
        if (isRoot(certificate)) break;
        intermediates.push(certificatePem(certificate.der));
      }
      return intermediates.join('');
    }
    case 'root': {
      const root = chain.at(-1);
      return root !== undefined && isRoot(root) ? certificatePem(root.der) : '';
    }
    default:
      return '';
  }
}

function parseJwk(json: string): JsonWebKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new FunctionError('failed to unmarshal JSON into key: invalid JWK JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FunctionError('failed to unmarshal JSON into key: a JWK must be a JSON object');
  }
  return parsed as JsonWebKey;
}

/** The Go type jwx gives a JWK's key, as Go's x509 errors name it. */
function goKeyType(jwk: JsonWebKey): string {
  const half = jwk.d === undefined ? 'Public' : 'Private';
  switch (jwk.kty) {
    case 'RSA':
      return `*rsa.${half}Key`;
    case 'EC':
      return `*ecdsa.${half}Key`;
    case 'OKP':
      return jwk.crv === 'Ed25519' ? `ed25519.${half}Key` : `*ecdh.${half}Key`;
    case 'oct':
      return '[]uint8';
    default:
      return 'unknown';
  }
}

/** MarshalPKIXPublicKey of the JWK's public key; Go refuses a private JWK here. */
function jwkPublicKeyDer(json: string): Uint8Array {
  const jwk = parseJwk(json);
  const refusal = new FunctionError(`x509: unsupported public key type: ${goKeyType(jwk)}`);
  if (jwk.d !== undefined || jwk.kty === 'oct') throw refusal;
  try {
    return new Uint8Array(
      createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' }),
    );
  } catch {
    throw new FunctionError('failed to parse JWK: invalid key parameters');
  }
}

/** MarshalPKCS8PrivateKey of the JWK's private key; Go refuses a public JWK here. */
function jwkPrivateKeyDer(json: string): Uint8Array {
  const jwk = parseJwk(json);
  if (jwk.d === undefined || jwk.kty === 'oct') {
    throw new FunctionError(`x509: unknown key type while marshaling PKCS#8: ${goKeyType(jwk)}`);
  }
  try {
    return exportPkcs8(createPrivateKey({ key: jwk, format: 'jwk' }));
  } catch {
    throw new FunctionError('failed to parse JWK: invalid key parameters');
  }
}
