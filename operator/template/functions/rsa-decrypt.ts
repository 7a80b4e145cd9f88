// ESO's rsaDecrypt(scheme, hash, ciphertext, privateKeyPem): RSA-OAEP decryption of raw bytes (a Go
// string, e.g. `.data | b64dec`) with a PEM private key, the OAEP and MGF1 hash named by `hash`
// (SHA1, SHA256 or SHA512; anything else is SHA-256) and no label; scheme "None" hands the input back.
// Messages are ESO's; none quotes the key or the data.
import { constants, privateDecrypt, type KeyObject } from 'node:crypto';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import { readGoPrivateKey } from './go-private-key.ts';
import { decodePem } from './pem.ts';
import { FunctionError } from './types.ts';

const oaepHashes = new Map([
  ['SHA1', 'sha1'],
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512'],
]);

export function rsaDecrypt(scheme: string, hash: string, input: string, privateKeyPem: string): string {
  if (scheme === 'None') return input;
  if (scheme !== 'RSA-OAEP') throw new FunctionError(`decryption scheme ${scheme} is not supported`);
  const { block } = decodePem(privateKeyPem);
  if (block === undefined) throw new FunctionError('failed to decode PEM block');
  let key: KeyObject;
  try {
    key = readGoPrivateKey(block.bytes);
  } catch (error) {
    throw error instanceof FunctionError
      ? new FunctionError(`could not parse private key: ${error.message}`)
      : error;
  }
  if (key.asymmetricKeyType !== 'rsa') throw new FunctionError('could not parse RSA private key');
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  // Go 1.24 and later refuse RSA keys under 1024 bits for every operation.
  if (bits < 1024) {
    throw new FunctionError(
      `error decrypting data with RSA: crypto/rsa: ${String(bits)}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)`,
    );
  }
  try {
    const plain = privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHashes.get(hash) ?? 'sha256' },
      goStringToBytes(input),
    );
    return goStringFromBytes(new Uint8Array(plain));
  } catch {
    throw new FunctionError('error decrypting data with RSA: crypto/rsa: decryption error');
  }
}
