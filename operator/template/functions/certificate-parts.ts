// The parts of an X.509 certificate ESO's newer helpers read: the subject's attributes (for Go's
// pkix.Name.String) and the extensions' values (for the SANs). OpenSSL (node:crypto's X509Certificate)
// decides whether the certificate is well-formed, as Go's x509.ParseCertificate does for ESO; the
// parts are then read with node-forge's ASN.1 parser.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { children, isContextTag, parseDer, type Asn1 } from './der.ts';
import { FunctionError } from './types.ts';

export interface NameAttribute {
  oid: string;
  /** The value as Go's x509 parser decodes it (T61String as Latin-1, BMPString as UCS-2). */
  value: string;
}

export interface CertificateParts {
  /** The subject's RDNs in certificate order, each a set of attributes. */
  subject: NameAttribute[][];
  /** Extension values (the DER inside the OCTET STRING), by OID. */
  extensions: Map<string, string>;
}

type Node = Asn1;

const childrenOf = children;
const bytesOf = (node: Node | undefined): string => (typeof node?.value === 'string' ? node.value : '');

/** Go's x509.ParseCertificate refuses what does not parse; its messages vary with the defect, so one
 * message stands for them all. */
export const malformedCertificate = (): FunctionError => new FunctionError('x509: malformed certificate');

export function readCertificateParts(der: Uint8Array): CertificateParts {
  let tbs: Node[];
  try {
    new X509Certificate(der);
    // forge's own default: BIT STRINGs that hold DER are parsed as children.
    const certificate = parseDer(der, { decodeBitStrings: true });
    tbs = childrenOf(childrenOf(certificate)[0]);
  } catch {
    throw malformedCertificate();
  }
  // version [0] is optional: the subject is the fifth field without it, the sixth with it.
  const hasVersion = tbs[0] !== undefined && isContextTag(tbs[0], 0);
  const subjectNode = tbs[hasVersion ? 5 : 4];
  const subject = childrenOf(subjectNode).map((rdn) =>
    childrenOf(rdn).map((attribute) => {
      const [type, value] = childrenOf(attribute);
      return { oid: forge.asn1.derToOid(bytesOf(type)), value: decodeString(value) };
    }),
  );
  const extensions = new Map<string, string>();
  const extensionsField = tbs.find((field) => isContextTag(field, 3));
  for (const extension of childrenOf(childrenOf(extensionsField)[0])) {
    const parts = childrenOf(extension);
    extensions.set(forge.asn1.derToOid(bytesOf(parts[0])), bytesOf(parts.at(-1)));
  }
  return { subject, extensions };
}

/** Go's parseASN1String for the string types a Name may hold (OpenSSL has checked the certificate). */
function decodeString(node: Node | undefined): string {
  const raw = bytesOf(node);
  switch (node?.type) {
    case forge.asn1.Type.UTF8:
      return Buffer.from(raw, 'binary').toString('utf8');
    case forge.asn1.Type.BMPSTRING: {
      // forge has already turned the UCS-2 into a JavaScript string.
      return raw.endsWith('\0') ? raw.slice(0, -1) : raw;
    }
    default:
      // PrintableString, IA5String, NumericString are ASCII; T61String is read as Latin-1, as Go does.
      return raw;
  }
}
