// ESO's certSANs: the subject alternative names of the first certificate in a PEM text, as Go's
// x509 parser reads them and in its grouping: DNS names, then IP addresses (Go's net.IP.String), then
// email addresses, then URIs (Go's url.URL.String of the parsed URI); other kinds are left out.
import forge from 'node-forge';
import { malformedCertificate, readCertificateParts } from './certificate-parts.ts';
import { decodePem } from './pem.ts';
import { FunctionError } from './types.ts';
import { parseUrl, urlString } from './urls.ts';

const subjectAltNameOid = '2.5.29.17';
const tags = { email: 1, dns: 2, uri: 6, ip: 7 };

export function certSans(input: string): string[] {
  const begin = input.indexOf('-----BEGIN');
  const { block } = decodePem(begin < 0 ? input : input.slice(begin));
  if (block === undefined) throw new FunctionError('failed to decode PEM block');
  let extension: string | undefined;
  try {
    extension = readCertificateParts(block.bytes).extensions.get(subjectAltNameOid);
  } catch (error) {
    throw new FunctionError(`failed to parse certificate: ${error instanceof Error ? error.message : ''}`);
  }
  const found = { dns: [] as string[], ip: [] as string[], email: [] as string[], uri: [] as string[] };
  if (extension === undefined) return [];
  for (const name of generalNames(extension)) {
    const tag = name.type as number;
    const value = typeof name.value === 'string' ? name.value : '';
    if (tag === tags.dns) found.dns.push(ia5(value, 'dNSName'));
    else if (tag === tags.email) found.email.push(ia5(value, 'rfc822Name'));
    else if (tag === tags.uri) found.uri.push(uriString(ia5(value, 'uniformResourceIdentifier')));
    else if (tag === tags.ip) found.ip.push(ipString(value));
  }
  return [...found.dns, ...found.ip, ...found.email, ...found.uri];
}

/** The context-specific GeneralNames of the extension's SEQUENCE. */
function generalNames(extensionValue: string): forge.asn1.Asn1[] {
  try {
    const sequence = forge.asn1.fromDer(forge.util.createBuffer(extensionValue));
    if (!Array.isArray(sequence.value)) throw malformedCertificate();
    return sequence.value.filter((name) => name.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC);
  } catch {
    throw new FunctionError('failed to parse certificate: x509: invalid subject alternative names');
  }
}

function ia5(value: string, kind: string): string {
  for (let index = 0; index < value.length; index++) {
    if (value.charCodeAt(index) > 0x7f) {
      throw new FunctionError(`failed to parse certificate: x509: SAN ${kind} is malformed`);
    }
  }
  return value;
}

/** url.Parse then String. Go's message quotes the URI; it is left out here. */
function uriString(uri: string): string {
  try {
    return urlString(parseUrl(uri));
  } catch (error) {
    const reason = error instanceof FunctionError ? `: ${error.message}` : '';
    throw new FunctionError(`failed to parse certificate: x509: cannot parse URI${reason}`);
  }
}

/** net.IP.String: dotted IPv4 (also for an IPv4-mapped IPv6 address), else RFC 5952 IPv6. */
function ipString(raw: string): string {
  const bytes = Array.from(raw, (char) => char.charCodeAt(0));
  if (bytes.length !== 4 && bytes.length !== 16) {
    throw new FunctionError(
      `failed to parse certificate: x509: cannot parse IP address of length ${String(bytes.length)}`,
    );
  }
  const mapped =
    bytes.length === 16 &&
    bytes.slice(0, 10).every((byte) => byte === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff;
  if (bytes.length === 4 || mapped) return bytes.slice(-4).join('.');
  const groups = Array.from(
    { length: 8 },
    (_, index) => ((bytes[2 * index] ?? 0) << 8) | (bytes[2 * index + 1] ?? 0),
  );
  // The longest run of two or more zero groups (the first of equally long ones) becomes "::".
  let runStart = -1;
  let runLength = 1;
  for (let start = 0; start < 8; start++) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > runLength) {
      runStart = start;
      runLength = end - start;
    }
  }
  const hex = (part: number[]): string => part.map((group) => group.toString(16)).join(':');
  return runStart < 0
    ? hex(groups)
    : `${hex(groups.slice(0, runStart))}::${hex(groups.slice(runStart + runLength))}`;
}
