// `make crds`: writes the CRDs generated from the zod schemas to crds/ and its copies for kustomize
// and Helm (crd-outputs.ts), with config/crd's kustomization, and removes CRD files no schema
// produces. With a directory argument, writes only the CRDs into that directory.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crdDirectories, crdKustomizationPath, renderCrdKustomization } from './crd-outputs.ts';
import { renderCrds } from './render-crds.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

function writeCrds(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const rendered = renderCrds();
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.yaml') && !rendered.has(file)) rmSync(join(outDir, file));
  }
  for (const [file, text] of rendered) writeFileSync(join(outDir, file), text);
  console.log(`wrote ${rendered.size} CRDs to ${outDir}/`);
}

const [outDir] = process.argv.slice(2);
if (outDir !== undefined) {
  writeCrds(outDir);
} else {
  for (const directory of crdDirectories) writeCrds(join(repoRoot, directory));
  writeFileSync(join(repoRoot, crdKustomizationPath), renderCrdKustomization(renderCrds().keys()));
  console.log(`wrote ${crdKustomizationPath}`);
}
