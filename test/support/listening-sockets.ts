// Which addresses a process listens on, read from Linux's /proc as `ss -ltnup` does, so that a test
// checks where a server's ports really are rather than trusting the flags it was started with.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  /** The address as ss prints it: `127.0.0.1`, `::1`, `::ffff:127.0.0.1`, `0.0.0.0`, `::`. */
  address: string;
  port: number;
}

/** TCP's LISTEN state in /proc/net/tcp*; a UDP socket is bound, never listening. */
const tcpListen = '0A';
const tables = ['tcp', 'tcp6', 'udp', 'udp6'] as const;

/** /proc/net/* prints each 32-bit word of an address in the host's byte order: little-endian on x86 and arm64. */
function wordsOf(hex: string): number[] {
  const words: number[] = [];
  for (let at = 0; at < hex.length; at += 8)
    words.push(Buffer.from(hex.slice(at, at + 8), 'hex').readUInt32LE());
  return words;
}

/** IPv6 groups as text, the longest run of two or more zero groups written `::`. */
function ipv6Text(groups: number[]): string {
  let [runAt, runLength] = [-1, 1];
  for (let at = 0; at < groups.length; at++) {
    let end = at;
    while (groups[end] === 0) end++;
    if (end - at > runLength) [runAt, runLength] = [at, end - at];
  }
  const hex = groups.map((group) => group.toString(16));
  if (runAt < 0) return hex.join(':');
  return `${hex.slice(0, runAt).join(':')}::${hex.slice(runAt + runLength).join(':')}`;
}

/** An address of /proc/net/tcp ("0100007F") or tcp6 (32 hex digits) in ss's notation. */
export function procNetAddress(hex: string): string {
  const words = wordsOf(hex);
  const ipv4 = (word: number) => [24, 16, 8, 0].map((shift) => String((word >>> shift) & 0xff)).join('.');
  if (words.length === 1) return ipv4(words[0] ?? 0);
  const [a = 0, b = 0, c = 0, d = 0] = words;
  if (a === 0 && b === 0 && c === 0xffff) return `::ffff:${ipv4(d)}`;
  return ipv6Text(words.flatMap((word) => [word >>> 16, word & 0xffff]));
}

/** The sockets of one /proc/net table that `inodes` own and that accept connections or datagrams. */
export function parseProcNetTable(
  protocol: ListeningSocket['protocol'],
  table: string,
  inodes: ReadonlySet<string>,
): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [local, state, inode] = [fields[1], fields[3], fields[9]];
    if (local === undefined || inode === undefined || !inodes.has(inode)) continue;
    if (protocol.startsWith('tcp') && state !== tcpListen) continue;
    const [address = '', port = '0'] = local.split(':');
    sockets.push({ protocol, address: procNetAddress(address), port: Number.parseInt(port, 16) });
  }
  return sockets;
}

/** The socket inodes a process holds open (its fds that link to `socket:[inode]`). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${String(pid)}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${String(pid)}/fd/${fd}`);
    } catch {
      continue; // closed since the listing
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode !== undefined) inodes.add(inode);
  }
  return inodes;
}

/** Every TCP port the process listens on and every UDP port it has bound, with their addresses. */
export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = socketInodes(pid);
  return tables.flatMap((protocol) =>
    parseProcNetTable(protocol, readFileSync(`/proc/${String(pid)}/net/${protocol}`, 'utf8'), inodes),
  );
}
