import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * Turns a zod schema into a Kubernetes structural OpenAPI v3 schema: zod's own JSON Schema output
 * (OpenAPI 3.0 dialect, input side so defaulted fields are optional) with what the API server does
 * not accept taken out or rewritten. The API server rejects a non-structural CRD, so any gap here
 * shows up at once when the integration suite installs crds/.
 *
 * Defaults inside list items stay out of the CRD (the operator applies them when it reads the
 * object, from the same zod schema): a list in a custom resource is replaced whole on every apply,
 * so a field the API server injected into an item makes GitOps tools see the list differ from git
 * forever (ESO dropped such defaults for the same reason). The description says the default instead.
 */
export function structuralSchema(schema: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rewrite(raw, false);
}

function rewrite(node: JsonSchema, inListItem: boolean): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id' || key === 'id') continue;
    out[key] = value;
  }
  if (inListItem && 'default' in out) {
    const described = typeof out['description'] === 'string' ? out['description'].trim() : '';
    const unset = `Unset means ${JSON.stringify(out['default'])}.`;
    out['description'] = described === '' ? unset : `${described.replace(/([^.])$/, '$1.')} ${unset}`;
    delete out['default'];
  }
  // z.unknown(): any JSON value, kept as it is.
  if (Object.keys(out).filter((key) => key !== 'description').length === 0) {
    return { ...out, 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (out['type'] === 'integer') {
    // zod bounds integers to JavaScript's safe range; Kubernetes integers are int64 anyway.
    if (out['maximum'] === Number.MAX_SAFE_INTEGER) delete out['maximum'];
    if (out['minimum'] === Number.MIN_SAFE_INTEGER) delete out['minimum'];
  }
  if (isSchema(out['properties'])) {
    out['properties'] = Object.fromEntries(
      Object.entries(out['properties']).map(([name, child]) => [
        name,
        rewrite(child as JsonSchema, inListItem),
      ]),
    );
    // A structural schema may not have both; unknown fields are pruned by the API server instead.
    if (out['additionalProperties'] === false || isSchema(out['additionalProperties'])) {
      if (isSchema(out['additionalProperties']) && Object.keys(out['additionalProperties']).length === 0) {
        out['x-kubernetes-preserve-unknown-fields'] = true;
      }
      delete out['additionalProperties'];
    }
  } else if (isSchema(out['additionalProperties'])) {
    out['additionalProperties'] = rewrite(out['additionalProperties'], inListItem);
  }
  if (isSchema(out['items'])) out['items'] = rewrite(out['items'], true);
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    if (combinator in out) {
      throw new Error(
        `structural schemas do not allow ${combinator} with types; express the rule in CEL instead`,
      );
    }
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
