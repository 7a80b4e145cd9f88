// ESO's parsePrivateKey: a DER key tried as PKCS#1, then PKCS#8, then SEC 1 (EC), keeping to what
// Go's x509 can read — Node reads more (RSA-PSS, Ed448, X448, DSA, other curves), which Go refuses.
import type { KeyObject } from 'node:crypto';
import { readPrivateKey } from './pkcs12.ts';
import { FunctionError } from './types.ts';

/** The curves Go's x509 parses EC keys on. */
const goCurves = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'secp224r1']);

export function readGoPrivateKey(der: Uint8Array): KeyObject {
  let key: KeyObject | undefined;
  try {
    key = readPrivateKey(der);
  } catch {
    key = undefined;
  }
  const type = key?.asymmetricKeyType;
  const goReadsIt =
    type === 'rsa' ||
    type === 'ed25519' ||
    type === 'x25519' ||
    (type === 'ec' && goCurves.has(key?.asymmetricKeyDetails?.namedCurve ?? ''));
  if (key === undefined || !goReadsIt) throw new FunctionError('unable to parse private key type');
  return key;
}
