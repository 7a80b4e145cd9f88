// Sprig's digests (sha1sum, sha256sum, sha512sum, adler32sum) and password hashes (bcrypt,
// htpasswd). The bcrypt salt is random, so those outputs change on every render.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import { decodeBase64 } from './encoding.ts';
import { bcryptHash } from './bcrypt.ts';
import { ArgumentError, fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError, type FunctionEnvironment } from './types.ts';

const digest = (algorithm: string) => (text: string) =>
  createHash(algorithm).update(goStringToBytes(text)).digest('hex');

/** Go's bcrypt.DefaultCost. */
const bcryptCost = 10;

export function cryptoFunctions(environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  // Sprig returns a failure as the output text rather than an error.
  const bcrypt = (password: string): string => {
    try {
      return bcryptHash(goStringToBytes(password), environment.randomBytes(16), bcryptCost);
    } catch (error) {
      if (error instanceof FunctionError) return `failed to encrypt string with bcrypt: ${error.message}`;
      throw error;
    }
  };
  return {
    sha1sum: fixed(['string'], digest('sha1')),
    sha256sum: fixed(['string'], digest('sha256')),
    sha512sum: fixed(['string'], digest('sha512')),
    adler32sum: fixed(['string'], (text) => String(adler32(goStringToBytes(text)))),
    bcrypt: fixed(['string'], bcrypt),
    encryptAES: fixed(['string', 'string'], (password, plaintext) =>
      plaintext === '' ? '' : encryptAes(password, plaintext, environment.randomBytes(16)),
    ),
    decryptAES: fixed(['string', 'string'], (password, encoded) =>
      encoded === '' ? '' : decryptAes(password, encoded),
    ),
    // Sprig's two parameters, or ESO's copy of Sprig's three: the third "sha" gives {SHA}base64(sha1);
    // anything else bcrypt, as with two.
    htpasswd: variadic(['string', 'string'], 'string', (user, password, ...algorithm) => {
      if (algorithm.length > 1) {
        throw new ArgumentError(`wrong number of args for htpasswd: want 3 got ${2 + algorithm.length}`);
      }
      // Sprig's own output (not an error) for a user name an htpasswd file cannot hold.
      if (user.includes(':')) return `invalid username: ${user}`;
      if (algorithm[0] === 'sha') {
        return `${user}:{SHA}${createHash('sha1').update(goStringToBytes(password)).digest('base64')}`;
      }
      return `${user}:${bcrypt(password)}`;
    }),
  };
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Sprig's AES key: the password's bytes, cut or zero-padded to 32 (AES-256). */
function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(goStringToBytes(password).subarray(0, 32));
  return key;
}

/** Sprig's encryptAES: AES-256-CBC, PKCS#7 padding, base64 of the IV followed by the ciphertext. */
function encryptAes(password: string, plaintext: string, iv: Uint8Array): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  const encrypted = Buffer.concat([cipher.update(goStringToBytes(plaintext)), cipher.final()]);
  return Buffer.concat([iv, encrypted]).toString('base64');
}

/** Sprig's decryptAES, with Go's panics for input that is too short or not whole blocks. */
function decryptAes(password: string, encoded: string): string {
  const bytes = decodeBase64(goStringToBytes(encoded));
  if (typeof bytes === 'number') throw new FunctionError(`illegal base64 data at input byte ${bytes}`);
  if (bytes.length < 16)
    throw new FunctionError(`runtime error: slice bounds out of range [:16] with capacity ${bytes.length}`);
  const body = bytes.subarray(16);
  if (body.length % 16 !== 0) throw new FunctionError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new FunctionError('runtime error: index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), bytes.subarray(0, 16)).setAutoPadding(
    false,
  );
  const decrypted = Buffer.concat([decipher.update(body), decipher.final()]);
  const padding = decrypted[decrypted.length - 1] ?? 0;
  if (padding > decrypted.length) {
    throw new FunctionError(`runtime error: slice bounds out of range [:${decrypted.length - padding}]`);
  }
  return goStringFromBytes(new Uint8Array(decrypted.subarray(0, decrypted.length - padding)));
}
