// Sprig's derivePassword: the Master Password algorithm (scrypt over the master password, salted
// with the user's name; HMAC-SHA256 over the site and counter; the result picks a template of the
// password type and a character for each of its letters). Deterministic, so the same inputs give
// the same password in Go and here.
import { createHmac, scryptSync } from 'node:crypto';
import { goStringToBytes } from '../go-string.ts';

const seedScope = 'com.lyndir.masterpassword';

const templates: Readonly<Record<string, readonly string[]>> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const characterClasses: Readonly<Record<string, string>> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

/** Go's binary.Write(BigEndian, uint32(n)). */
function uint32BigEndian(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

/** `scope ‖ len(text) ‖ text`, lengths in bytes. */
function scoped(text: string): Buffer {
  const bytes = goStringToBytes(text);
  return Buffer.concat([Buffer.from(seedScope), uint32BigEndian(bytes.length), bytes]);
}

/** Sprig's derivePassword; an unknown type yields Sprig's "cannot find password template" text. */
export function derivePassword(
  counter: number,
  passwordType: string,
  password: string,
  user: string,
  site: string,
): string {
  const choices = Object.hasOwn(templates, passwordType) ? templates[passwordType] : undefined;
  if (choices === undefined) return `cannot find password template ${passwordType}`;
  // scrypt with N=32768, r=8 needs 32 MiB, just over node's default ceiling.
  const key = scryptSync(goStringToBytes(password), scoped(user), 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 64 * 1024 * 1024,
  });
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([scoped(site), uint32BigEndian(counter)]))
    .digest();
  const template = choices[(seed[0] ?? 0) % choices.length] ?? '';
  let result = '';
  for (let index = 0; index < template.length; index++) {
    const characters = characterClasses[template.charAt(index)] ?? '';
    result += characters.charAt((seed[index + 1] ?? 0) % characters.length);
  }
  return result;
}
