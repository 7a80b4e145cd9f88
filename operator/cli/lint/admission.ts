// What the API server does to a custom resource before it stores it, as far as the CRD decides:
// unknown fields found (kubectl's strict field validation refuses them; without it they are pruned),
// defaults applied, then every x-kubernetes-validations rule evaluated on the defaulted value.
import { evaluateCelRule } from './cel-evaluate.ts';
import type { JsonSchema } from './ferry-kinds.ts';
import type { FieldPath, ObjectFinding } from './findings.ts';

export interface CelRule {
  rule: string;
  message?: string;
  fieldPath?: string;
}

export interface AdmissionResult {
  /** The object as it would be stored: unknown fields pruned, defaults applied. */
  admitted: unknown;
  unknownFields: FieldPath[];
  /** Rules that do not hold. */
  ruleFailures: ObjectFinding[];
  /** Rules that could not be evaluated (a field of the wrong type, say): schema errors explain them. */
  unevaluated: { path: FieldPath; rule: string; error: string }[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is JsonSchema {
  return isObject(value);
}

/** `.type`, `.metadata.annotations` → path parts; the only fieldPath syntax our rules use. */
function fieldPathParts(fieldPath: string | undefined): string[] {
  if (!fieldPath) return [];
  return fieldPath.split('.').filter((part) => part !== '');
}

/** The CEL rules a schema node carries. */
export function celRulesOf(schema: JsonSchema): CelRule[] {
  const rules = schema['x-kubernetes-validations'];
  return Array.isArray(rules) ? (rules as CelRule[]) : [];
}

export function simulateAdmission(
  schema: JsonSchema,
  object: unknown,
  skipTopLevel: readonly string[] = ['status'],
): AdmissionResult {
  const result: AdmissionResult = {
    admitted: undefined,
    unknownFields: [],
    ruleFailures: [],
    unevaluated: [],
  };
  const walk = (node: JsonSchema, value: unknown, path: FieldPath): unknown => {
    let out = value;
    const properties = node['properties'];
    const additional = node['additionalProperties'];
    if (isObject(value) && isSchema(properties)) {
      // No prototype: a manifest's `__proto__` or `constructor` field is a field like any other.
      const copy = Object.create(null) as Record<string, unknown>;
      for (const [key, child] of Object.entries(value)) {
        if (path.length === 0 && skipTopLevel.includes(key)) continue;
        const childSchema = Object.hasOwn(properties, key) ? properties[key] : undefined;
        if (isSchema(childSchema)) copy[key] = walk(childSchema, child, [...path, key]);
        else if (isSchema(additional)) copy[key] = walk(additional, child, [...path, key]);
        else if (additional === true) copy[key] = child;
        else result.unknownFields.push([...path, key]);
      }
      for (const [key, childSchema] of Object.entries(properties)) {
        if (copy[key] === undefined && isSchema(childSchema) && 'default' in childSchema)
          copy[key] = walk(childSchema, structuredClone(childSchema['default']), [...path, key]);
      }
      out = copy;
    } else if (isObject(value) && isSchema(additional)) {
      out = Object.fromEntries(
        Object.entries(value).map(([key, child]) => [key, walk(additional, child, [...path, key])]),
      );
    } else if (Array.isArray(value) && isSchema(node['items'])) {
      const items = node['items'];
      out = value.map((item: unknown, index) => walk(items, item, [...path, index]));
    }
    for (const { rule, message, fieldPath } of celRulesOf(node)) {
      try {
        if (!evaluateCelRule(rule, out)) {
          result.ruleFailures.push({
            path: [...path, ...fieldPathParts(fieldPath)],
            message: message ?? `failed rule: ${rule}`,
            severity: 'error',
          });
        }
      } catch (error) {
        result.unevaluated.push({ path, rule, error: (error as Error).message });
      }
    }
    return out;
  };
  result.admitted = walk(schema, object, []);
  return result;
}
