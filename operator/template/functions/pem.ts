// Go's encoding/pem, which ESO's helpers use to read and write PEM: Decode's tolerance (junk between
// blocks, headers, a block that fails to decode is skipped) and Encode's exact layout (64 base64
// characters a line, headers sorted with Proc-Type first), so that ESO's outputs come out byte for byte.
import { decodeBase64 } from './encoding.ts';
import { withoutTrailing } from '../trailing-characters.ts';

export interface PemBlock {
  type: string;
  headers: Map<string, string>;
  bytes: Uint8Array;
}

const beginMarker = '-----BEGIN ';
const endMarker = '\n-----END ';
const dashes = '-----';

/** One line (without its \n, trailing spaces, tabs and \r trimmed) and what follows it. */
function getLine(text: string): [string, string] {
  const newline = text.indexOf('\n');
  const line = newline < 0 ? text : text.slice(0, newline);
  const rest = newline < 0 ? '' : text.slice(newline + 1);
  return [withoutTrailing(line, ' \t\r'), rest];
}

/** pem.Decode: the first block that decodes, and the text after it; undefined and the whole input if none. */
export function decodePem(data: string): { block: PemBlock | undefined; rest: string } {
  let rest = data;
  for (;;) {
    if (rest.startsWith(beginMarker)) rest = rest.slice(beginMarker.length);
    else {
      const start = rest.indexOf('\n' + beginMarker);
      if (start < 0) return { block: undefined, rest: data };
      rest = rest.slice(start + 1 + beginMarker.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith(dashes)) continue;
    const type = typeLine.slice(0, -dashes.length);
    const headers = new Map<string, string>();
    let complete = true;
    for (;;) {
      if (rest.length === 0) {
        complete = false;
        break;
      }
      const [line, next] = getLine(rest);
      const colon = line.indexOf(':');
      if (colon < 0) break;
      headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      rest = next;
    }
    if (!complete) return { block: undefined, rest: data };
    let endIndex: number;
    let trailerIndex: number;
    if (headers.size === 0 && rest.startsWith(endMarker.slice(1))) {
      endIndex = 0;
      trailerIndex = endMarker.length - 1;
    } else {
      endIndex = rest.indexOf(endMarker);
      trailerIndex = endIndex + endMarker.length;
    }
    if (endIndex < 0) continue;
    const trailer = rest.slice(trailerIndex);
    const trailerLength = type.length + dashes.length;
    if (trailer.length < trailerLength) continue;
    if (!trailer.startsWith(type) || trailer.slice(type.length, trailerLength) !== dashes) continue;
    if (getLine(trailer.slice(trailerLength))[0].length !== 0) continue;
    const body = rest.slice(0, endIndex).replace(/[ \t]/g, '');
    const decoded = decodeBase64(new TextEncoder().encode(body));
    if (typeof decoded === 'number') continue;
    const [, after] = getLine(rest.slice(endIndex + endMarker.length - 1));
    return { block: { type, headers, bytes: decoded }, rest: after };
  }
}

/** pem.Encode. */
export function encodePem(
  type: string,
  bytes: Uint8Array,
  headers: ReadonlyMap<string, string> = new Map(),
): string {
  let text = `${beginMarker}${type}${dashes}\n`;
  if (headers.size > 0) {
    const procType = headers.get('Proc-Type');
    if (procType !== undefined) text += `Proc-Type: ${procType}\n`;
    const keys = [...headers.keys()].filter((key) => key !== 'Proc-Type').sort();
    for (const key of keys) text += `${key}: ${headers.get(key) ?? ''}\n`;
    text += '\n';
  }
  const base64 = Buffer.from(bytes).toString('base64');
  for (let offset = 0; offset < base64.length; offset += 64) text += base64.slice(offset, offset + 64) + '\n';
  return `${text}${endMarker.slice(1)}${type}${dashes}\n`;
}

/** Every block pem.Decode finds in turn, and what is left after the last attempt. */
export function decodeAllPem(data: string): { blocks: PemBlock[]; rest: string } {
  const blocks: PemBlock[] = [];
  let rest = data;
  for (;;) {
    const result = decodePem(rest);
    rest = result.rest;
    if (result.block === undefined) return { blocks, rest };
    blocks.push(result.block);
  }
}
