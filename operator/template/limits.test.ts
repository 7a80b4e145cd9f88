import { describe, expect, it } from 'vitest';
import { goStringByteLength, goStringFromBytes } from './go-string.ts';
import { formatByteSize, utf8Length } from './limits.ts';

describe('formatByteSize', () => {
  it('uses MiB and KiB where they are exact', () => {
    expect([
      formatByteSize(1024 * 1024),
      formatByteSize(64 * 1024),
      formatByteSize(1000),
      formatByteSize(1536),
    ]).toEqual(['1 MiB', '64 KiB', '1000 bytes', '1536 bytes']);
  });
});

describe('utf8Length', () => {
  it('counts the bytes Go would write, an escaped invalid byte as one', () => {
    for (const text of [
      '',
      'ascii',
      'héllo',
      '\u{1F600}x',
      '\uFF21',
      goStringFromBytes(Uint8Array.of(0xff, 0x41, 0xc3)),
    ]) {
      expect(utf8Length(text)).toBe(goStringByteLength(text));
    }
  });
});
