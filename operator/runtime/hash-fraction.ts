import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) fixed by `key`: the same on every run and replica. sha256 rather than a short
 * non-cryptographic hash, so keys differing only in a trailing digit (es-0001, es-0002, ...) still
 * land far apart; 48 bits are plenty and fit a double exactly.
 */
export function hashFraction(key: string): number {
  return createHash('sha256').update(key).digest().readUIntBE(0, 6) / 2 ** 48;
}
