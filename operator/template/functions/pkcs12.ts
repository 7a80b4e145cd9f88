// Reading ESO's PKCS#12 archives, on node-forge (PKCS#12 containers) and node:crypto (keys); writing
// them is pkcs12-modern.ts. Reading follows go-pkcs12's DecodeChain: exactly one key, the first
// certificate is the leaf, the others CAs.
// Keys come out as PKCS#8 "PRIVATE KEY" PEM; certificates as "CERTIFICATE" PEM, leaf first.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { encodePem } from './pem.ts';
import { FunctionError } from './types.ts';

export interface DecodedPkcs12 {
  privateKeyPkcs8: Uint8Array;
  certificates: Uint8Array[];
}

const toBinary = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');
const fromBinary = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, 'binary'));
const derOf = (node: forge.asn1.Asn1): Uint8Array => fromBinary(forge.asn1.toDer(node).getBytes());

/** The key and certificates of a PKCS#12 archive (raw bytes), with go-pkcs12's rules and messages. */
export function decodePkcs12(archive: Uint8Array, password: string): DecodedPkcs12 {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = readPfx(archive, password);
  } catch (error) {
    const wrongPassword = error instanceof Error && /mac|password|decrypt/i.test(error.message);
    throw new FunctionError(
      wrongPassword ? 'pkcs12: decryption password incorrect' : 'pkcs12: error reading P12 data',
    );
  }
  const certificates: Uint8Array[] = [];
  let privateKeyPkcs8: Uint8Array | undefined;
  for (const safeContents of pfx.safeContents) {
    for (const bag of safeContents.safeBags) {
      // node-forge sets cert or key to null, and keeps the ASN.1, for what it cannot decode (e.g. EC).
      const {
        asn1: raw,
        cert,
        key,
      } = bag as {
        asn1?: forge.asn1.Asn1;
        cert?: forge.pki.Certificate | null;
        key?: forge.pki.PrivateKey | null;
      };
      if (bag.type === forge.pki.oids.certBag) {
        if (cert !== undefined && cert !== null) certificates.push(derOf(forge.pki.certificateToAsn1(cert)));
        else if (raw !== undefined) certificates.push(derOf(raw));
      } else if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        if (privateKeyPkcs8 !== undefined) throw new FunctionError('pkcs12: expected exactly one key bag');
        const keyInfo =
          key !== undefined && key !== null
            ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))
            : raw;
        if (keyInfo === undefined) throw new FunctionError('pkcs12: error reading private key');
        privateKeyPkcs8 = normalisePkcs8(derOf(keyInfo));
      }
    }
  }
  if (certificates.length === 0) throw new FunctionError('pkcs12: certificate missing');
  if (privateKeyPkcs8 === undefined) throw new FunctionError('pkcs12: private key missing');
  return { privateKeyPkcs8, certificates };
}

/** node-forge derives PBES2 keys from the password string's bytes as given (Latin-1) where go-pkcs12
 * (RFC 8018) uses UTF-8, while the MAC and the older PKCS#12 ciphers take its characters. So a
 * non-ASCII password is tried as characters first and, when that verified the MAC but could not
 * decrypt, again as UTF-8 bytes without the MAC (already verified with the right encoding). */
function readPfx(archive: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  const parse = (): forge.asn1.Asn1 => forge.asn1.fromDer(forge.util.createBuffer(toBinary(archive)));
  try {
    return forge.pkcs12.pkcs12FromAsn1(parse(), false, password);
  } catch (error) {
    const utf8 = Buffer.from(password, 'utf8').toString('binary');
    const macFailed = error instanceof Error && error.message.includes('MAC could not be verified');
    if (utf8 === password || macFailed) throw error;
    const withoutMac = parse();
    if (Array.isArray(withoutMac.value)) withoutMac.value.splice(2);
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, utf8);
  }
}

/** PKCS#8 as Go's x509.MarshalPKCS8PrivateKey writes it. */
function normalisePkcs8(der: Uint8Array): Uint8Array {
  return exportPkcs8(readPrivateKey(der, ['pkcs8']));
}

export function exportPkcs8(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
}

/** ESO's parsePrivateKey: PKCS#1, then PKCS#8, then SEC 1 (EC). */
export function readPrivateKey(
  der: Uint8Array,
  types: ('pkcs1' | 'pkcs8' | 'sec1')[] = ['pkcs1', 'pkcs8', 'sec1'],
): KeyObject {
  for (const type of types) {
    try {
      return createPrivateKey({ key: Buffer.from(der), format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  throw new FunctionError('unable to parse private key type');
}

export function certificatePem(der: Uint8Array): string {
  return encodePem('CERTIFICATE', der);
}
