// DER through node-forge's ASN.1 helpers, which hold bytes as "binary strings" (one character a
// byte): reading the fields Sprig's functions need, and building the few structures node:crypto
// cannot (a certificate's to-be-signed part, Go's DSA key layout).
import forge from 'node-forge';
import { FunctionError } from './types.ts';

export type Asn1 = forge.asn1.Asn1;

const { asn1 } = forge;

/** node-forge's fromDer takes these options (its type declarations know only `strict`). */
interface DerOptions {
  /** Fail on bytes after the first element (default true). */
  parseAllBytes?: boolean;
  /** Parse BIT STRINGs that look like DER as children (default true); off, they stay bytes and
   * re-encode exactly. */
  decodeBitStrings?: boolean;
}
const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteBuffer, options: DerOptions) => Asn1;

export function parseDer(der: Uint8Array, options: DerOptions = {}): Asn1 {
  return fromDer(forge.util.createBuffer(binaryString(der)), { decodeBitStrings: false, ...options });
}

export function toDer(node: Asn1): Uint8Array {
  return binaryBytes(asn1.toDer(node).getBytes());
}

export function binaryString(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('binary');
}

export function binaryBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'binary'));
}

export function children(node: Asn1 | undefined): Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : [];
}

/** A primitive element's content bytes; `malformed` is the error when the structure is not as expected. */
export function contentOf(node: Asn1 | undefined, malformed: string): string {
  if (node === undefined || typeof node.value !== 'string') throw new FunctionError(malformed);
  return node.value;
}

/** `[number]` in ASN.1 notation: a context-specific tag. */
export function isContextTag(node: Asn1, tagNumber: number): boolean {
  const type: number = node.type;
  return node.tagClass === asn1.Class.CONTEXT_SPECIFIC && type === tagNumber;
}

export function sequence(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

export function set(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
}

export function primitive(type: forge.asn1.Type, content: string): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, type, false, content);
}

export function objectIdentifier(id: string): Asn1 {
  return primitive(asn1.Type.OID, asn1.oidToDer(id).getBytes());
}

/** A DER INTEGER of a non-negative big-endian number: no leading zero bytes beyond the one a set
 * high bit needs. */
export function unsignedInteger(bytes: Uint8Array): Asn1 {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const digits = bytes.subarray(start);
  const content = digits.length === 0 ? '\x00' : binaryString(digits);
  return primitive(asn1.Type.INTEGER, (content.charCodeAt(0) & 0x80) === 0 ? content : `\x00${content}`);
}

/** `[tag] EXPLICIT` around one element, or `[tag] IMPLICIT` over primitive content. */
export function explicit(tag: number, inner: Asn1): Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, contextTag(tag), true, [inner]);
}

export function implicit(tag: number, content: string): Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, contextTag(tag), false, content);
}

export const asn1Type = asn1.Type;

/** node-forge types an element's tag number as its enum of universal types, whatever the class. */
function contextTag(tag: number): forge.asn1.Type {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the enum rule needs it
  return tag as unknown as forge.asn1.Type;
}
