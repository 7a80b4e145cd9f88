import { describe, expect, it } from 'vitest';
import { ageOf, humanDuration } from './age.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('humanDuration (kubectl ages)', () => {
  it.each([
    [-5 * second, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [59 * second, '59s'],
    [119 * second, '119s'],
    [2 * minute, '2m'],
    [5 * minute + 30 * second, '5m30s'],
    [9 * minute + 59 * second, '9m59s'],
    [10 * minute + 30 * second, '10m'],
    [179 * minute, '179m'],
    [3 * hour, '3h'],
    [3 * hour + 10 * minute, '3h10m'],
    [8 * hour + 10 * minute, '8h'],
    [47 * hour, '47h'],
    [2 * day, '2d'],
    [2 * day + 4 * hour, '2d4h'],
    [8 * day + 4 * hour, '8d'],
    [729 * day, '729d'],
    [730 * day, '2y'],
    [731 * day, '2y1d'],
    [8 * 365 * day, '8y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('ageOf', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('is the time since an RFC 3339 timestamp', () => {
    expect(ageOf('2026-01-01T11:55:00Z', now)).toBe('5m');
  });

  it('falls back when the time is missing or unreadable', () => {
    expect(ageOf(undefined, now, 'never')).toBe('never');
    expect(ageOf('yesterday', now)).toBe('<unknown>');
  });
});
