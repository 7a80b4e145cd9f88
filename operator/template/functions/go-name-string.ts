// Go's pkix.Name.String() of a certificate's subject, which go-pkcs12 uses as each truststore entry's
// friendly name (the alias Java shows). It is not the certificate's RDN order: Go first lifts the
// attributes it knows into named fields, then writes the others (each alone, as #hex DER) followed by
// the known ones in a fixed order (C, ST, L, STREET, POSTALCODE, O, OU, CN, SERIALNUMBER; a repeated
// attribute as one multi-valued RDN, only the last CN and SERIALNUMBER), and prints the whole
// sequence reversed, RFC 2253 style.
import type { NameAttribute } from './certificate-parts.ts';

const knownNames = new Map([
  ['2.5.4.6', 'C'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.3', 'CN'],
  ['2.5.4.5', 'SERIALNUMBER'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.17', 'POSTALCODE'],
]);
/** The attributes Go parses into Name's fields, in the order ToRDNSequence writes them. */
const fieldOrder = ['2.5.4.6', '2.5.4.8', '2.5.4.7', '2.5.4.9', '2.5.4.17', '2.5.4.10', '2.5.4.11'];
const commonName = '2.5.4.3';
const serialNumber = '2.5.4.5';

export function goNameString(rdns: readonly (readonly NameAttribute[])[]): string {
  const attributes = rdns.flat();
  const sequence: NameAttribute[][] = attributes
    .filter((attribute) => !knownNames.has(attribute.oid))
    .map((attribute) => [attribute]);
  for (const oid of fieldOrder) {
    const values = attributes.filter((attribute) => attribute.oid === oid);
    if (values.length > 0) sequence.push(values);
  }
  for (const oid of [commonName, serialNumber]) {
    const last = attributes.findLast((attribute) => attribute.oid === oid);
    if (last !== undefined && last.value !== '') sequence.push([last]);
  }
  return sequence
    .reverse()
    .map((rdn) => rdn.map(attributeString).join('+'))
    .join(',');
}

function attributeString({ oid, value }: NameAttribute): string {
  const name = knownNames.get(oid);
  if (name === undefined) return `${oid}=#${Buffer.from(marshalString(value)).toString('hex')}`;
  return `${name}=${escapeValue(value)}`;
}

/** RFC 2253 escaping as Go does it: a leading or trailing space and a leading # are escaped too. */
function escapeValue(value: string): string {
  const lastByte = Buffer.byteLength(value) - 1;
  let escaped = '';
  let byteIndex = 0;
  for (const char of value) {
    const escape =
      ',+"\\<>;'.includes(char) ||
      (char === ' ' && (byteIndex === 0 || byteIndex === lastByte)) ||
      (char === '#' && byteIndex === 0);
    escaped += escape ? `\\${char}` : char;
    byteIndex += Buffer.byteLength(char);
  }
  return escaped;
}

const printableCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";

/** asn1.Marshal of a Go string: a PrintableString when every character allows it, else UTF8String. */
function marshalString(value: string): Uint8Array {
  const bytes = Buffer.from(value, 'utf8');
  const printable = Array.from(value).every((char) => printableCharacters.includes(char));
  return Uint8Array.from([printable ? 0x13 : 0x0c, ...derLength(bytes.length), ...bytes]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}
