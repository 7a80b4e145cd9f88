import { describe, expect, it } from 'vitest';
import { withoutEdgeSlashes, withoutTrailingSlashes } from './edge-slashes.ts';

describe('edge slashes', () => {
  it('drops every trailing slash, and with withoutEdgeSlashes every leading one too', () => {
    expect(withoutTrailingSlashes('https://vault:8200//')).toBe('https://vault:8200');
    expect(withoutTrailingSlashes('a/b')).toBe('a/b');
    expect(withoutTrailingSlashes('///')).toBe('');
    expect(withoutEdgeSlashes('//team-a/kv/')).toBe('team-a/kv');
    expect(withoutEdgeSlashes('/')).toBe('');
  });

  it('keeps linear time on a long run of slashes that does not end the text', () => {
    const text = `${'/'.repeat(200_000)}x/`;
    expect(withoutTrailingSlashes(text)).toBe(text.slice(0, -1));
    expect(withoutEdgeSlashes(text)).toBe('x');
  });
});
