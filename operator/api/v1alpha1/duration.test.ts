import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['2m0s', 120_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5x', '1', 'h', '-1s', '1 h'])('rejects %j with the expected form', (text) => {
    expect(() => parseDuration(text)).toThrow('expected a duration such as "30s", "5m" or "1h"');
  });
});
