// Go's net.ParseIP (netip.ParseAddr without zones), for the IP addresses Sprig puts in a
// certificate's alternative names, and IP.To4, which Go's x509 applies so that an IPv4 address
// (also one written as IPv4-mapped IPv6) takes 4 bytes.

/** The address as 4 bytes (IPv4) or 16 (IPv6); undefined if Go would not parse it. */
export function parseIpForCertificate(text: string): Uint8Array | undefined {
  const address = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  if (address === undefined) return undefined;
  if (address.length === 16 && isIpv4Mapped(address)) return address.subarray(12);
  return address;
}

function isIpv4Mapped(address: Uint8Array): boolean {
  return address.subarray(0, 10).every((byte) => byte === 0) && address[10] === 0xff && address[11] === 0xff;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const fields = text.split('.');
  if (fields.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [index, field] of fields.entries()) {
    // Go rejects empty fields, more than 3 digits, leading zeros and values over 255.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(field)) return undefined;
    const value = Number(field);
    if (value > 255) return undefined;
    bytes[index] = value;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string, last: boolean): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      // An IPv4 address may end the text, nowhere else.
      if (last && index === pieces.length - 1 && piece.includes('.')) {
        const ipv4 = parseIpv4(piece);
        if (ipv4 === undefined) return undefined;
        groups.push(((ipv4[0] ?? 0) << 8) | (ipv4[1] ?? 0), ((ipv4[2] ?? 0) << 8) | (ipv4[3] ?? 0));
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return undefined;
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const elided = halves.length === 2;
  const count = head.length + tail.length;
  // "::" stands for at least one group of zeros.
  if (elided ? count > 7 : count !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}
