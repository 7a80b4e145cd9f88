import { describe, expect, it } from 'vitest';
import { convertKey, convertKeys, decodeValue } from './decoding.ts';
import { RemoteValueError } from './invalid-spec.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
/** Bytes as a plain array: a Buffer and a Uint8Array with the same bytes compare equal. */
const octets = (value: Uint8Array): number[] => [...value];
const field = 'spec.data[0] (password)';

/** The error decodeValue throws, so its message can be checked for the field and for the value. */
function decodingError(value: string, strategy: 'Base64' | 'Base64URL'): RemoteValueError {
  try {
    decodeValue(bytes(value), strategy, field);
  } catch (error) {
    // Not a terminal spec error: the remote value may be fixed, and the next refresh picks it up.
    expect(error).toBeInstanceOf(RemoteValueError);
    expect((error as RemoteValueError).reason).toBe('InvalidSpec');
    return error as RemoteValueError;
  }
  throw new Error(`expected ${strategy} decoding to fail`);
}

describe('decodeValue', () => {
  it('None returns the bytes exactly as the store gave them', () => {
    const raw = new Uint8Array([0x00, 0xff, 0x20, 0x0a]);
    expect(octets(decodeValue(raw, 'None', field))).toEqual(octets(raw));
    expect(text(decodeValue(bytes('aGVsbG8='), 'None', field))).toBe('aGVsbG8=');
  });

  it('Base64 decodes standard base64, padded as Go requires', () => {
    expect(text(decodeValue(bytes('aGVsbG8='), 'Base64', field))).toBe('hello');
    expect(text(decodeValue(bytes('aGk='), 'Base64', field))).toBe('hi');
    expect(text(decodeValue(bytes('YWJj'), 'Base64', field))).toBe('abc');
    expect(octets(decodeValue(bytes(''), 'Base64', field))).toEqual([]);
  });

  it('Base64 yields binary bytes that are not text', () => {
    const binary = [0xde, 0xad, 0xbe, 0xef, 0x00, 0xfb, 0xff];
    const encoded = Buffer.from(binary).toString('base64');
    expect(octets(decodeValue(bytes(encoded), 'Base64', field))).toEqual(binary);
  });

  it('Base64 skips line breaks wherever they are, as Go does (a trailing newline, a wrapped PEM body)', () => {
    expect(text(decodeValue(bytes('aGVsbG8=\n'), 'Base64', field))).toBe('hello');
    expect(text(decodeValue(bytes('aGVs\r\nbG8='), 'Base64', field))).toBe('hello');
  });

  it('Base64 does not skip spaces or tabs, as Go does not: Auto then keeps the value as it is', () => {
    expect(decodingError(' aGVsbG8=', 'Base64').message).toContain('not valid base64');
    expect(decodingError('aGVsbG8=\t', 'Base64').message).toContain('not valid base64');
    expect(text(decodeValue(bytes('aGVsbG8= '), 'Auto', field))).toBe('aGVsbG8= ');
  });

  it('Base64URL decodes the URL-safe alphabet', () => {
    // 0xfb 0xff 0xbf is "+/+/" in standard base64 and "-_-_" in the URL-safe alphabet.
    expect(octets(decodeValue(bytes('-_-_'), 'Base64URL', field))).toEqual([0xfb, 0xff, 0xbf]);
    expect(text(decodeValue(bytes('aGk='), 'Base64URL', field))).toBe('hi');
  });

  it.each([
    ['not base64 at all', 'not base64!'],
    ['the URL-safe alphabet', '-_-_'],
    ['a wrong length', 'aGVsbG8'],
    ['a misplaced padding', 'aG=k'],
  ])('Base64 rejects %s with an InvalidSpecError naming the field, never the value', (_case, value) => {
    const error = decodingError(value, 'Base64');
    expect(error.reason).toBe('InvalidSpec');
    expect(error.message).toContain(field);
    expect(error.message).toContain('Base64');
    expect(error.message).not.toContain(value);
  });

  it.each([
    ['the standard alphabet', '+/+/'],
    ['a length no base64 text has', 'abcde'],
    ['a missing padding (Go URLEncoding is padded)', 'aGk'],
  ])('Base64URL rejects %s, naming the field, never the value', (_case, value) => {
    const error = decodingError(value, 'Base64URL');
    expect(error.message).toContain(field);
    expect(error.message).toContain('Base64URL');
    expect(error.message).not.toContain(value);
  });

  describe('Auto (ESO: base64, else base64url, else as it is)', () => {
    it('decodes standard base64', () => {
      expect(text(decodeValue(bytes('aGVsbG8='), 'Auto', field))).toBe('hello');
    });

    it('falls back to base64url when standard base64 does not decode', () => {
      expect(octets(decodeValue(bytes('-_-_'), 'Auto', field))).toEqual([0xfb, 0xff, 0xbf]);
    });

    it('keeps a value that is neither, byte for byte', () => {
      for (const plain of ['hello', 'secret1', 'p@ss word!', 'aGk', 'abcde']) {
        expect(text(decodeValue(bytes(plain), 'Auto', field))).toBe(plain);
      }
      const binary = new Uint8Array([0x00, 0xff, 0x80]);
      expect(octets(decodeValue(binary, 'Auto', field))).toEqual([0x00, 0xff, 0x80]);
    });

    it('never throws', () => {
      expect(() => decodeValue(bytes('%%%'), 'Auto', field)).not.toThrow();
    });
  });
});

describe('convertKey', () => {
  it('leaves keys a Secret accepts untouched, whatever the strategy', () => {
    for (const strategy of ['Default', 'Unicode'] as const) {
      expect(convertKey('db-password_1.txt', strategy)).toBe('db-password_1.txt');
    }
  });

  it('Default replaces each character a Secret key may not hold with "_"', () => {
    expect(convertKey('/team/db password', 'Default')).toBe('_team_db_password');
    expect(convertKey('naïve:key', 'Default')).toBe('na_ve_key');
  });

  it('Unicode replaces them with _UXXXX_, the code point in hex, one per character', () => {
    expect(convertKey('a/b', 'Unicode')).toBe('a_U002f_b');
    expect(convertKey('a b', 'Unicode')).toBe('a_U0020_b');
    expect(convertKey('café', 'Unicode')).toBe('caf_U00e9_');
    // A character outside the BMP is one code point, not two UTF-16 halves.
    expect(convertKey('key🔑', 'Unicode')).toBe('key_U1f511_');
  });

  it('Default produces one "_" per character, including astral ones', () => {
    expect(convertKey('key🔑', 'Default')).toBe('key_');
  });
});

describe('convertKeys', () => {
  it('converts every key and keeps each value with its key', () => {
    const converted = convertKeys({ 'a/b': bytes('1'), c: bytes('2') }, 'Default', 'spec.dataFrom[0]');
    expect(Object.fromEntries(Object.entries(converted).map(([key, value]) => [key, text(value)]))).toEqual({
      a_b: '1',
      c: '2',
    });
  });

  it('refuses two keys that convert to the same one, as ESO does, naming both', () => {
    const run = () => convertKeys({ 'a/b': bytes('1'), 'a b': bytes('2') }, 'Default', 'spec.dataFrom[0]');
    // The store's keys decide it: retried at the refresh pace, not only when the spec changes.
    expect(run).toThrow(RemoteValueError);
    expect(run).toThrow(
      'spec.dataFrom[0]: the keys "a/b" and "a b" both become "a_b" with conversionStrategy Default',
    );
    expect(Object.keys(convertKeys({ 'a/b': bytes('1'), 'a b': bytes('2') }, 'Unicode', 'f'))).toEqual([
      'a_U002f_b',
      'a_U0020_b',
    ]);
  });
});
