import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crdDirectories, crdKustomizationPath, renderCrdKustomization } from './crd-outputs.ts';
import { renderCrds } from './render-crds.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe.each(crdDirectories)('%s/', (directory) => {
  it('is what `make crds` generates from the zod schemas (run `make crds` if this fails)', () => {
    const rendered = renderCrds();
    const committed = readdirSync(join(repoRoot, directory)).filter((file) => file.endsWith('.yaml'));
    expect(committed.sort()).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) {
      expect(readFileSync(join(repoRoot, directory, file), 'utf8'), `${directory}/${file}`).toBe(text);
    }
  });
});

describe(crdKustomizationPath, () => {
  it('lists every generated CRD (run `make crds` if this fails)', () => {
    const expected = renderCrdKustomization(renderCrds().keys());
    expect(readFileSync(join(repoRoot, crdKustomizationPath), 'utf8')).toBe(expected);
  });
});
