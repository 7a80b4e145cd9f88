import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCrds } from './render-crds.ts';

const crdsDir = join(import.meta.dirname, '..', '..', '..', 'crds');

describe('crds/', () => {
  it('is what `make crds` generates from the zod schemas (run `make crds` if this fails)', () => {
    const rendered = renderCrds();
    const committed = readdirSync(crdsDir).filter((file) => file.endsWith('.yaml'));
    expect(committed.sort()).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) expect(readFileSync(join(crdsDir, file), 'utf8'), file).toBe(text);
  });
});
