// Everything the CLI prints passes through here (runCli wraps the Io), so text that came from the
// cluster — a remote key's name, an Event's message, a history reason — can never drive the
// terminal: control characters (C0 but newline and tab, DEL, C1) and the bidirectional overrides
// and isolates are printed as \uXXXX. The notation is also a JSON and YAML double-quoted escape of
// the same character, so -o json and -o yaml stay valid. The CLI's own colours and line clearing
// are written as markers carrying a per-process nonce, which no text from outside can forge, and
// become escape sequences only here.
import { randomBytes } from 'node:crypto';
import type { Io } from '../command.ts';

// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character that could drive a terminal written as \uXXXX. */
export function escapeControlCharacters(text: string): string {
  return text.replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const markerOpen = `\uE000${randomBytes(8).toString('hex')}`;
const markerClose = '\uE001';

/** A terminal sequence of the CLI's own: `[31m` for ESC [31m, or `\r` for a carriage return. */
export function terminalSequence(sequence: '\r' | `[${string}`): string {
  return `${markerOpen}${sequence === '\r' ? 'CR' : sequence}${markerClose}`;
}

/** The text as the terminal gets it: outside text escaped, the CLI's own sequences made real. */
export function forTerminal(text: string): string {
  let printed = '';
  let copied = 0;
  for (let start = text.indexOf(markerOpen); start !== -1; start = text.indexOf(markerOpen, copied)) {
    const end = text.indexOf(markerClose, start);
    if (end === -1) break;
    const sequence = text.slice(start + markerOpen.length, end);
    printed +=
      escapeControlCharacters(text.slice(copied, start)) + (sequence === 'CR' ? '\r' : `\u001b${sequence}`);
    copied = end + markerClose.length;
  }
  return printed + escapeControlCharacters(text.slice(copied));
}

/** The same Io, printing through forTerminal. */
export function terminalIo(io: Io): Io {
  return {
    ...io,
    stdout: (text) => io.stdout(forTerminal(text)),
    stderr: (text) => io.stderr(forTerminal(text)),
  };
}
