import type { ExternalSecretSpec } from '../../api/v1alpha1/index.ts';
import type { RenderBudget } from '../../template/index.ts';
import { checkNullBytes, convertKeys, decodeValue } from './decoding.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { applyRewrites } from './rewrite.ts';

/** What assembleData needs of what the entries read (EntryReads, fetch-data.ts). */
export interface ReadValues {
  dataFrom: readonly (Readonly<Record<string, Uint8Array>> | undefined)[];
  data: readonly (Uint8Array | undefined)[];
}

/**
 * The pure half of reading: rewrites, key conversion, decoding and NUL-byte checks applied to what
 * each entry read, merged in ESO's order — dataFrom entries in order, then data entries, later ones
 * overwriting earlier keys. An entry whose secret is gone adds nothing. No I/O: it may run in a
 * render worker (render-sandbox.ts).
 */
export function assembleData(
  spec: ExternalSecretSpec,
  reads: ReadValues,
  templates: ParsedTemplates,
  /** The sync's: rewrite regexps and transforms draw on it. */
  budget: RenderBudget,
): Record<string, Uint8Array> {
  // Keys come from the store: `__proto__` must be a key like any other.
  const data = Object.create(null) as Record<string, Uint8Array>;

  for (const [index, entry] of (spec.dataFrom ?? []).entries()) {
    const fetched = reads.dataFrom[index];
    if (!fetched) continue;
    const field = `spec.dataFrom[${index}]`;
    const ref = entry.extract ?? entry.find;
    const decoding = ref?.decodingStrategy ?? 'None';
    const conversion = ref?.conversionStrategy ?? 'Default';
    // As ESO: rewrites see the store's own key names and values (a merge reads the JSON as stored);
    // without rewrites, conversionStrategy makes the keys valid Secret keys. A key that ends up empty
    // is left out (ESO's way to drop keys with a rewrite). decodingStrategy then applies to the
    // values as they land.
    const rewrites = entry.rewrite ?? [];
    const rewritten =
      rewrites.length > 0
        ? applyRewrites(fetched, rewrites, field, templates, budget)
        : convertKeys(fetched, conversion, field);
    const keyed = Object.create(null) as Record<string, Uint8Array>;
    for (const [key, value] of Object.entries(rewritten)) {
      if (key !== '') keyed[key] = decodeValue(value, decoding, `${field} key "${key}"`);
    }
    // As ESO: on the decoded values, under the keys they land at.
    checkNullBytes(keyed, ref?.nullBytePolicy, field);
    Object.assign(data, keyed);
  }

  for (const [index, entry] of (spec.data ?? []).entries()) {
    const value = reads.data[index];
    if (value === undefined) continue;
    const field = `spec.data[${index}] (${entry.secretKey})`;
    const decoded = decodeValue(value, entry.remoteRef.decodingStrategy, field);
    checkNullBytes({ [entry.secretKey]: decoded }, entry.remoteRef.nullBytePolicy, field);
    data[entry.secretKey] = decoded;
  }
  return data;
}
