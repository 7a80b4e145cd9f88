import { describe, expect, it } from 'vitest';
import { mapBounded } from './bounded-map.ts';

describe('mapBounded', () => {
  it('keeps the items order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (delay) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapBounded([], 8, () => Promise.resolve(1))).toEqual([]);
  });
});
