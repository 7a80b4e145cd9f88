// `make crds`: writes crds/*.yaml from the zod schemas and removes CRD files no schema produces.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCrds } from './render-crds.ts';

const outDir = process.argv[2] ?? 'crds';
mkdirSync(outDir, { recursive: true });
const rendered = renderCrds();
for (const file of readdirSync(outDir)) {
  if (file.endsWith('.yaml') && !rendered.has(file)) rmSync(join(outDir, file));
}
for (const [file, text] of rendered) writeFileSync(join(outDir, file), text);
console.log(`wrote ${rendered.size} CRDs to ${outDir}/`);
