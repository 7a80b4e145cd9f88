import { randomBytes } from 'node:crypto';

/** A value no output could contain by chance: planted in a store, then searched for everywhere. */
export function plantedValue(label: string): string {
  return `planted-${label}-${randomBytes(8).toString('hex')}`;
}

/**
 * The forms a leaked value could take: itself, and its base64 at each of the three byte alignments
 * it can have inside a longer base64 text (a Secret's data, a value inside JSON), keeping only the
 * characters that depend on the value's own bytes.
 */
export function tracesOf(value: string): { form: string; text: string }[] {
  const bytes = Buffer.from(value, 'utf8');
  const traces = [{ form: 'as is', text: value }];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = offset === 0 ? 0 : 4; // the first block mixes in the padding bytes
    const end = Math.floor((offset + bytes.length) / 3) * 4; // the last, partial block mixes in what follows
    traces.push({ form: `base64 at offset ${offset}`, text: encoded.slice(start, end) });
  }
  return traces;
}

/** Which traces of which values `text` holds, as "value (form)"; empty when none. */
export function plantedTracesIn(text: string, values: readonly string[]): string[] {
  return values.flatMap((value) =>
    tracesOf(value)
      .filter((trace) => text.includes(trace.text))
      .map((trace) => `${value} (${trace.form})`),
  );
}
