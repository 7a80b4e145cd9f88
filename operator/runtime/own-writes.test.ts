import { describe, expect, it } from 'vitest';
import { OwnWrites } from './own-writes.ts';

describe('OwnWrites', () => {
  it('recognises the version our last write produced, and only that one', () => {
    const writes = new OwnWrites();
    writes.remember('ns/a', '10');
    expect(writes.isOwn('ns/a', '10')).toBe(true);
    expect(writes.isOwn('ns/a', '11')).toBe(false);
    expect(writes.isOwn('ns/b', '10')).toBe(false);
    expect(writes.isOwn('ns/a', undefined)).toBe(false);
  });

  it('forgets a key, and a write without a version clears the last one', () => {
    const writes = new OwnWrites();
    writes.remember('ns/a', '10');
    writes.forget('ns/a');
    expect(writes.isOwn('ns/a', '10')).toBe(false);
    writes.remember('ns/a', '12');
    writes.remember('ns/a', undefined);
    expect(writes.isOwn('ns/a', '12')).toBe(false);
  });

  it('recalls what was remembered with a version while the object is still at it', () => {
    const writes = new OwnWrites<{ hash: string }>();
    writes.remember('ns/a', '10', { hash: 'h10' });
    expect(writes.recall('ns/a', '10')).toEqual({ hash: 'h10' });
    expect(writes.recall('ns/a', '11')).toBeUndefined();
    expect(writes.recall('ns/a', undefined)).toBeUndefined();
    expect(writes.recall('ns/b', '10')).toBeUndefined();
  });
});
