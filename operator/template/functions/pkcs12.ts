// ESO's PKCS#12 helpers, on node-forge (PKCS#12 containers) and node:crypto (keys). Reading follows
// go-pkcs12's DecodeChain: exactly one key, the first certificate is the leaf, the others CAs.
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
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(toBinary(archive)));
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
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

/** A PKCS#12 archive (base64) holding the key, the certificate and CA certificates, encrypted with
 * AES-256 under `password` (go-pkcs12's Modern encoder uses AES-256 too). node-forge writes RSA keys only. */
export function encodePkcs12(key: KeyObject, certificates: Uint8Array[], password: string): string {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new FunctionError('pkcs12: only RSA keys can be written into a PKCS#12 archive here');
  }
  let forgeKey: forge.pki.rsa.PrivateKey;
  let forgeCertificates: forge.pki.Certificate[];
  try {
    forgeKey = forge.pki.privateKeyFromPem(key.export({ format: 'pem', type: 'pkcs8' }).toString());
    forgeCertificates = certificates.map((der) =>
      forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(toBinary(der)))),
    );
  } catch {
    throw new FunctionError('pkcs12: only RSA certificates can be written into a PKCS#12 archive here');
  }
  const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, forgeCertificates, password, {
    algorithm: 'aes256',
    count: 2048,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64');
}

export function certificatePem(der: Uint8Array): string {
  return encodePem('CERTIFICATE', der);
}
