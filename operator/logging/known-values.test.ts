import { describe, expect, it } from 'vitest';

import { KnownValues, minScrubbedLength, minWordScrubbedLength } from './index.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function knowing(...values: string[]): KnownValues {
  const known = new KnownValues();
  for (const value of values) known.add(bytes(value));
  return known;
}

describe('KnownValues.scrub', () => {
  it('hides a value a template put into its own message, and keeps the rest of the text', () => {
    expect(knowing('hunter2-planted').scrub('error calling fail: no user for hunter2-planted, ask ops')).toBe(
      'error calling fail: no user for [REDACTED], ask ops',
    );
  });

  it('hides the base64 of a value, standard and URL-safe, with or without padding', () => {
    const value = 'p>?p>?-value'; // chosen so that its base64 alphabets differ
    const standard = Buffer.from(value).toString('base64');
    const url = Buffer.from(value).toString('base64url');
    expect(standard).not.toBe(url);
    const known = knowing(value);
    expect(known.scrub(`data: ${standard}`)).toBe('data: [REDACTED]');
    expect(known.scrub(`data: ${url}`)).toBe('data: [REDACTED]');
    const padded = Buffer.from('s3cr3t-7').toString('base64');
    expect(padded).toMatch(/=$/);
    expect(knowing('s3cr3t-7').scrub(`data: ${padded}`)).toBe('data: [REDACTED]');
    expect(knowing('s3cr3t-7').scrub(`data: ${padded.replace(/=+$/, '')}.`)).toBe('data: [REDACTED].');
  });

  it('hides the longest value first, so a value containing another leaves nothing behind', () => {
    const known = knowing('secret', 'secret-and-more');
    expect(known.scrub('got secret-and-more and secret')).toBe('got [REDACTED] and [REDACTED]');
  });

  it('hides a multi-line value whole, JSON-escaped, and line by line', () => {
    const pem = '-----BEGIN THING-----\nQUJDREVGR0hJSktMTU5PUA==\n-----END THING-----\n';
    const known = knowing(pem);
    expect(known.scrub(`bad: ${pem}!`)).toBe('bad: [REDACTED]!');
    expect(known.scrub(`bad: "${JSON.stringify(pem).slice(1, -1)}"`)).toBe('bad: "[REDACTED]"');
    expect(known.scrub('line 2 is QUJDREVGR0hJSktMTU5PUA==')).toBe('line 2 is [REDACTED]');
  });

  it(`hides a value shorter than ${minScrubbedLength} characters where it stands as a word of its own`, () => {
    // `{{ fail .pin }}` must not print a PIN whole (issue #15).
    expect(knowing('4711').scrub('error calling fail: 4711')).toBe('error calling fail: [REDACTED]');
    expect(knowing('12345').scrub('error at 12345, not at 123456 or x12345')).toBe(
      'error at [REDACTED], not at 123456 or x12345',
    );
    expect(knowing('app', 'true').scrub('application app is true')).toBe(
      'application [REDACTED] is [REDACTED]',
    );
    expect(knowing('pässw').scrub('fail: pässw; pässwort')).toBe('fail: [REDACTED]; pässwort');
    expect(knowing('abc').scrub(`base64 ${Buffer.from('abc').toString('base64')}.`)).toBe(
      'base64 [REDACTED].',
    );
  });

  it(`leaves values shorter than ${minWordScrubbedLength} characters alone: they would hide every "1" or "no"`, () => {
    expect(knowing('1', 'no').scrub('line 1: no such key')).toBe('line 1: no such key');
  });

  it('hides binary values by their base64', () => {
    const known = new KnownValues();
    const binary = Uint8Array.from([0xff, 0xfe, 0x00, 0x81, 0x90, 0xa0, 0xb0]);
    known.add(binary);
    expect(known.scrub(`got ${Buffer.from(binary).toString('base64')}`)).toBe('got [REDACTED]');
  });

  it('finds a line of a value far longer than the message', () => {
    const big = `${'x'.repeat(100_000)}\nline-that-leaked-42\n${'y'.repeat(100_000)}`;
    expect(knowing(big).scrub('error near line-that-leaked-42')).toBe('error near [REDACTED]');
  });

  it('leaves a message without values as it is', () => {
    expect(knowing('hunter2-planted').scrub('Secret "db" created')).toBe('Secret "db" created');
    expect(new KnownValues().scrub('anything')).toBe('anything');
  });
});
