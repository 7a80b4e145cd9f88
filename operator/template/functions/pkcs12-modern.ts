// PKCS#12 archives laid out as go-pkcs12's `Modern` encoder (its Modern2023 profile) writes them, which
// is what ESO's pemToPkcs12 family and pemTruststoreToPKCS12 call: certificates in one SafeContents
// encrypted with PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations, 16-byte salts), the key as
// a PBES2-shrouded PKCS#8 bag in a second, plain one, and a SHA-256 HMAC over it all with the PKCS#12
// key derivation. node-forge's own PKCS#12 writer cannot do this (it leaves certificates unencrypted,
// MACs with SHA-1, takes RSA keys only and cannot add the Java trust attribute), so the structure is
// put together here from forge's ASN.1 node builders; the cryptography is node:crypto's (and forge's
// PKCS#12 key derivation for the MAC key). Salts and IVs are drawn in go-pkcs12's order, so that with
// the same random bytes the output is identical to Go's, byte for byte.
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { goRunes } from '../go-string.ts';
import {
  asn1Type,
  binaryString,
  explicit,
  implicit,
  objectIdentifier,
  primitive,
  sequence as sequenceOf,
  set as setOf,
  toDer,
  type Asn1,
} from './der.ts';
import { FunctionError } from './types.ts';

export type RandomSource = (length: number) => Uint8Array;

export interface TrustStoreEntry {
  certificateDer: Uint8Array;
  friendlyName: string;
}

const systemRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));

const iterations = 2048;
const saltLength = 16;
const oids = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha256: '2.16.840.1.101.3.4.2.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  javaTrustStore: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

type Node = Asn1;
// der.ts's builders, variadic where the structures below read better so.
const binary = binaryString;
const sequence = (...children: Node[]): Node => sequenceOf(children);
const set = (...children: Node[]): Node => setOf(children);
const oid = objectIdentifier;
const octets = (bytes: Uint8Array): Node => primitive(asn1Type.OCTETSTRING, binaryString(bytes));
const integer = (value: number): Node =>
  primitive(asn1Type.INTEGER, forge.asn1.integerToDer(value).getBytes());
const explicit0 = (child: Node): Node => explicit(0, child);
const der = toDer;
const attribute = (id: string, value: Node): Node => sequence(oid(id), set(value));

/** A DER SET OF, its members in ascending order of their encodings (X.690 11.6), as Go's asn1
 * writes a bag's attributes: a short friendly name sorts before the Java trust attribute. */
function sortedSet(members: Node[]): Node {
  const encoded = members.map((member) => ({ member, bytes: der(member) }));
  encoded.sort((left, right) => compareZeroPadded(left.bytes, right.bytes));
  return set(...encoded.map(({ member }) => member));
}

function compareZeroPadded(left: Uint8Array, right: Uint8Array): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The characters go-pkcs12's bmpString accepts (UCS-2: none outside the BMP), one UTF-16 code unit
 * each, as forge's BMPString writer and PKCS#12 key derivation expect them. An invalid byte of the Go
 * string is U+FFFD, as Go's range over a string gives it. */
function ucs2(text: string): string {
  let units = '';
  for (const rune of goRunes(text)) {
    if (rune > 0xffff) {
      throw new FunctionError('pkcs12: string contains characters that cannot be encoded in UCS-2');
    }
    units += String.fromCharCode(rune < 0 ? 0xfffd : rune);
  }
  return units;
}

/** The password as go-pkcs12 uses it: UCS-2 for the MAC key (forge's PKCS#12 key derivation makes a
 * zero-terminated BMPString of it), and the UTF-8 of the same characters for PBES2 (RFC 8018). */
interface Password {
  ucs2: string;
  utf8: Buffer;
}

function encodePassword(password: string): Password {
  const units = ucs2(password);
  return { ucs2: units, utf8: Buffer.from(units, 'utf8') };
}

/** PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC: the AlgorithmIdentifier and the ciphertext.
 * Salt first, then IV, as go-pkcs12 draws them. */
function pbes2Encrypt(plain: Uint8Array, password: Password, random: RandomSource): [Node, Uint8Array] {
  const salt = random(saltLength);
  const iv = random(16);
  const key = pbkdf2Sync(password.utf8, salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
  const algorithm = sequence(
    oid(oids.pbes2),
    sequence(
      sequence(
        oid(oids.pbkdf2),
        sequence(octets(salt), integer(iterations), sequence(oid(oids.hmacWithSha256))),
      ),
      sequence(oid(oids.aes256Cbc), octets(iv)),
    ),
  );
  return [algorithm, encrypted];
}

/** A ContentInfo of type data holding the SafeContents as they are. */
function plainSafeContents(bags: Node[]): Node {
  return sequence(oid(oids.data), explicit0(octets(der(sequence(...bags)))));
}

/** A ContentInfo of type encryptedData holding the SafeContents encrypted with PBES2. */
function encryptedSafeContents(bags: Node[], password: Password, random: RandomSource): Node {
  const [algorithm, encrypted] = pbes2Encrypt(der(sequence(...bags)), password, random);
  const encryptedContent = implicit(0, binary(encrypted));
  const encryptedData = sequence(integer(0), sequence(oid(oids.data), algorithm, encryptedContent));
  return sequence(oid(oids.encryptedData), explicit0(encryptedData));
}

function certificateBag(certificateDer: Uint8Array, attributes: Node[] | undefined): Node {
  const value = explicit0(sequence(oid(oids.x509Certificate), explicit0(octets(certificateDer))));
  return attributes === undefined
    ? sequence(oid(oids.certBag), value)
    : sequence(oid(oids.certBag), value, sortedSet(attributes));
}

/** The PFX: the AuthenticatedSafe as data, and the MAC over it (its salt drawn last). */
function pfx(contents: Node[], password: Password, random: RandomSource): Uint8Array {
  const authenticatedSafe = der(sequence(...contents));
  const macSalt = random(saltLength);
  const macKey = forge.pkcs12.generateKey(
    password.ucs2,
    forge.util.createBuffer(binary(macSalt)),
    3,
    iterations,
    32,
    forge.md.sha256.create(),
  );
  const digest = createHmac('sha256', Buffer.from(macKey.getBytes(), 'binary'))
    .update(authenticatedSafe)
    .digest();
  const macData = sequence(
    sequence(sequence(oid(oids.sha256)), octets(digest)),
    octets(macSalt),
    integer(iterations),
  );
  return der(sequence(integer(3), sequence(oid(oids.data), explicit0(octets(authenticatedSafe))), macData));
}

/** go-pkcs12's Modern.Encode: one key (PKCS#8 DER), the leaf certificate and CA certificates. */
export function encodeModernPkcs12(
  privateKeyPkcs8: Uint8Array,
  leafDer: Uint8Array,
  caDers: readonly Uint8Array[],
  password: string,
  random: RandomSource = systemRandom,
): Uint8Array {
  const encodedPassword = encodePassword(password);
  const localKeyId = attribute(oids.localKeyId, octets(createHash('sha1').update(leafDer).digest()));
  // The key bag is encrypted first, then the certificates: the order go-pkcs12 draws salts in.
  const [keyAlgorithm, encryptedKey] = pbes2Encrypt(privateKeyPkcs8, encodedPassword, random);
  const keyBag = sequence(
    oid(oids.shroudedKeyBag),
    explicit0(sequence(keyAlgorithm, octets(encryptedKey))),
    set(localKeyId),
  );
  // CA bags carry an empty attribute set, as go-pkcs12 writes them.
  const certificateBags = [
    certificateBag(leafDer, [localKeyId]),
    ...caDers.map((caDer) => certificateBag(caDer, [])),
  ];
  const certificates = encryptedSafeContents(certificateBags, encodedPassword, random);
  return pfx([certificates, plainSafeContents([keyBag])], encodedPassword, random);
}

/** go-pkcs12's Modern.EncodeTrustStoreEntries: certificates only, each marked as trusted for any
 * extended key usage (the attribute Java's keystore reads) and named by its friendly name. */
export function encodeModernTrustStore(
  entries: readonly TrustStoreEntry[],
  password: string,
  random: RandomSource = systemRandom,
): Uint8Array {
  const encodedPassword = encodePassword(password);
  const trusted = attribute(oids.javaTrustStore, oid(oids.anyExtendedKeyUsage));
  const bags = entries.map((entry) => {
    const name = primitive(asn1Type.BMPSTRING, ucs2(entry.friendlyName));
    return certificateBag(entry.certificateDer, [trusted, attribute(oids.friendlyName, name)]);
  });
  return pfx([encryptedSafeContents(bags, encodedPassword, random)], encodedPassword, random);
}
