import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from 'yaml';
import { ExternalSecret } from './index.ts';
import { renderCrds } from './render-crds.ts';
import { structuralSchema } from './structural-schema.ts';

/** Every `default` in a schema, by its path, noting whether it sits inside a list item. */
function defaults(node: unknown, path: string, inItem: boolean, found: { path: string; inItem: boolean }[]) {
  if (typeof node !== 'object' || node === null) return found;
  const schema = node as Record<string, unknown>;
  if ('default' in schema) found.push({ path, inItem });
  for (const [name, child] of Object.entries((schema['properties'] ?? {}) as Record<string, unknown>)) {
    defaults(child, `${path}.${name}`, inItem, found);
  }
  if (schema['items'] !== undefined) defaults(schema['items'], `${path}[]`, true, found);
  if (typeof schema['additionalProperties'] === 'object') {
    defaults(schema['additionalProperties'], `${path}.*`, inItem, found);
  }
  return found;
}

describe('structuralSchema', () => {
  it('keeps defaults of fields, but moves those inside list items into the description', () => {
    const schema = structuralSchema(
      z.object({
        policy: z.enum(['A', 'B']).default('A'),
        items: z.array(
          z.object({
            strategy: z.enum(['None', 'Base64']).default('None').describe('How values are decoded'),
            bare: z.string().default('x'),
          }),
        ),
      }),
    );
    expect(defaults(schema, '', false, [])).toEqual([{ path: '.policy', inItem: false }]);
    const item = (schema['properties'] as Record<string, { items: { properties: Record<string, unknown> } }>)[
      'items'
    ]?.items.properties;
    expect(item?.['strategy']).toMatchObject({ description: 'How values are decoded. Unset means "None".' });
    expect(item?.['bare']).toMatchObject({ description: 'Unset means "x".' });
  });

  it('leaves no default inside a list item of any CRD, so GitOps tools see the lists they applied', () => {
    for (const [file, text] of renderCrds()) {
      const crd = parse(text) as {
        spec: { versions: { schema: { openAPIV3Schema: unknown } }[] };
      };
      for (const version of crd.spec.versions) {
        const inItems = defaults(version.schema.openAPIV3Schema, file, false, []).filter(
          (entry) => entry.inItem,
        );
        expect(inItems).toEqual([]);
      }
    }
  });

  it('the operator still reads an unset list-item field as its default', () => {
    const parsed = ExternalSecret.parse({
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'ExternalSecret',
      metadata: { name: 'app', namespace: 'default' },
      spec: {
        secretStoreRef: { name: 'store' },
        data: [{ secretKey: 'password', remoteRef: { key: 'db' } }],
      },
    });
    expect(parsed.spec.data?.[0]?.remoteRef).toMatchObject({
      metadataPolicy: 'None',
      conversionStrategy: 'Default',
      decodingStrategy: 'None',
    });
  });
});
