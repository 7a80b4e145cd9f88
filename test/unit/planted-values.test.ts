import { describe, expect, it } from 'vitest';
import { plantedTracesIn, plantedValue } from '../support/planted-values.ts';

describe('plantedTracesIn', () => {
  const value = plantedValue('unit');

  it.each(['', 'x', 'xy', '{"password":"'])('finds the value base64-encoded after %j', (prefix) => {
    const encoded = Buffer.from(`${prefix}${value}"}`).toString('base64');
    expect(plantedTracesIn(`data: ${encoded}`, [value])).not.toEqual([]);
  });

  it('finds the value as is, and nothing in text without it', () => {
    expect(plantedTracesIn(`message: ${value}`, [value])).toEqual([`${value} (as is)`]);
    expect(plantedTracesIn('message: template failed at line 1', [value])).toEqual([]);
  });
});
