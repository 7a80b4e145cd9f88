import { redactedMarker } from './scrub-string.ts';

/**
 * Values (and forms of them) at least this long are scrubbed wherever they occur in a message.
 * Documented in docs/operations.md ("Values stay in the Secret").
 */
export const minScrubbedLength = 6;

/**
 * Shorter values down to this length — a PIN, a short password that `{{ fail .pin }}` would print
 * whole — are scrubbed where they stand as a word of their own, so that the value "app" hides
 * `app` but not `application`. Values of one or two characters are not scrubbed: they are no secret
 * worth keeping (a few thousand guesses at most), and hiding every "1" or "no" would make a message
 * unreadable.
 */
export const minWordScrubbedLength = 3;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The values one sync saw (fetched and rendered), kept by reference, so that a failure message can
 * be cleaned of them before it reaches status, an Event, a log line or the CLI — whatever a template
 * (`fail`, `required`), a provider or the API server put into it. Pattern scrubbing (scrubString)
 * knows what credentials look like; this knows what this sync's values are.
 */
export class KnownValues {
  private readonly values = new Set<Uint8Array>();

  add(value: Uint8Array): void {
    if (value.byteLength >= minWordScrubbedLength) this.values.add(value);
  }

  addAll(values: Readonly<Record<string, Uint8Array>>): void {
    for (const value of Object.values(values)) this.add(value);
  }

  get size(): number {
    return this.values.size;
  }

  /**
   * `text` with every known value replaced by "[REDACTED]": as raw text, JSON-escaped, each line of
   * a multi-line value, and base64 (standard and URL alphabets, with or without padding). Longest
   * first, so that a value containing another is hidden whole rather than leaving its remainder.
   */
  scrub(text: string): string {
    if (this.values.size === 0 || text.length < minWordScrubbedLength) return text;
    // An array, not a Set: hashing the lines of a large value costs more than checking a repeat.
    const forms = [...this.values].flatMap((value) => formsOf(value, text.length));
    let scrubbed = text;
    for (const form of forms.sort((a, b) => b.length - a.length)) {
      if (!scrubbed.includes(form)) continue;
      scrubbed =
        form.length >= minScrubbedLength
          ? scrubbed.replaceAll(form, redactedMarker)
          : replaceWord(scrubbed, form, redactedMarker);
    }
    return scrubbed;
  }
}

/** `text` with each occurrence of `word` that no letter or digit touches on either side replaced. */
function replaceWord(text: string, word: string, replacement: string): string {
  let result = '';
  let copiedUpTo = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at < copiedUpTo) continue;
    const end = at + word.length;
    if (isWordCharacter(text[at - 1]) || isWordCharacter(text[end])) continue;
    result += text.slice(copiedUpTo, at) + replacement;
    copiedUpTo = end;
  }
  return result + text.slice(copiedUpTo);
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
}

/** The forms of `value` that are long enough to scrub and short enough to fit in `room` characters. */
function formsOf(value: Uint8Array, room: number): string[] {
  const forms: string[] = [];
  const keep = (form: string): void => {
    if (form.length >= minWordScrubbedLength && form.length <= room) forms.push(form);
  };
  // Every form of the whole value is at least a third of its bytes long (UTF-8 takes at most three
  // bytes per UTF-16 unit): a value that long cannot be in the message whole, only by its lines.
  const fitsWhole = value.byteLength <= room * 3;
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (fitsWhole) {
    const base64 = bytes.toString('base64');
    keep(base64);
    keep(withoutPadding(base64));
    keep(bytes.toString('base64url'));
  }
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    // Binary bytes appear in a message as base64, or mangled beyond recognition.
    return forms;
  }
  if (fitsWhole) {
    keep(text);
    keep(text.trim());
    keep(JSON.stringify(text).slice(1, -1));
  }
  // A message may quote one line of a multi-line value (a PEM block, a config file).
  if (text.includes('\n')) for (const line of text.split(/\r?\n/)) keep(line.trim());
  return forms;
}

/** Base64 without its trailing `=` padding (a scan: `/=+$/` backtracks quadratically on a run of `=`). */
function withoutPadding(base64: string): string {
  let end = base64.length;
  while (end > 0 && base64[end - 1] === '=') end--;
  return base64.slice(0, end);
}
