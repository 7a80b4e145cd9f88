import { z } from 'zod';

/** A CEL rule the API server enforces at admission, attached to a schema node. */
export interface CelRule {
  rule: string;
  message: string;
  fieldPath?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
}

export function cel<T extends z.ZodType>(schema: T, rules: CelRule[]): T {
  return schema.meta({ 'x-kubernetes-validations': rules });
}

/** The CEL rules `cel` attached to a schema, for a schema that narrows it to keep them. */
export function celRulesOf(schema: z.ZodType): CelRule[] {
  return (schema.meta()?.['x-kubernetes-validations'] as CelRule[] | undefined) ?? [];
}

/**
 * Go's duration syntax (`30s`, `1h30m`, `0`), as ESO's metav1.Duration fields take. Checked by CEL
 * (not `pattern`) so the API server's message says what a duration looks like.
 */
export const goDurationPattern = '^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$';
const durationMessage = 'expected a duration such as "30s", "5m" or "1h"';
export const Duration = cel(
  z
    .string()
    .max(64)
    .refine((value) => new RegExp(goDurationPattern).test(value), durationMessage),
  [{ rule: `self.matches(r'${goDurationPattern}')`, message: durationMessage }],
);

/** Object names: DNS-1123 subdomains. */
export const ObjectName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'expected a lower-case DNS-1123 name');
export const NamespaceName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a namespace name (DNS-1123 label)');

/** A key of a Secret's data: what Kubernetes itself accepts. */
export const secretKeyPattern = '^[-._a-zA-Z0-9]+$';
export const SecretDataKey = z
  .string()
  .min(1)
  .max(253)
  .regex(new RegExp(secretKeyPattern), 'expected a Secret key: letters, digits, "-", "_" and "."');

/** A key of a Secret in the store's (or a given) namespace, as ESO's SecretKeySelector. */
export const SecretKeySelector = z.object({
  name: ObjectName.describe('Name of the Secret.'),
  key: SecretDataKey.optional().describe('Key within the Secret; some fields have a default.'),
  namespace: NamespaceName.optional().describe(
    'Namespace of the Secret. Only ClusterSecretStores may name one; a SecretStore reads its own namespace.',
  ),
});
export type SecretKeySelector = z.infer<typeof SecretKeySelector>;

/**
 * ESO's ServiceAccountSelector: a ServiceAccount whose short-lived token (TokenRequest API) a store
 * logs in with or exchanges. Providers differ only in what they say of the token's audiences.
 */
export function serviceAccountSelector(audiences: { description: string; maxLength: number }) {
  return z.object({
    name: ObjectName.describe('Name of the ServiceAccount.'),
    namespace: NamespaceName.optional().describe(
      'Namespace of the ServiceAccount. Only ClusterSecretStores may name one; a SecretStore uses its own namespace.',
    ),
    audiences: z
      .array(z.string().min(1).max(audiences.maxLength))
      .max(16)
      .optional()
      .describe(audiences.description),
  });
}

const StringMap = z.record(z.string().max(63 * 1024), z.string().max(256 * 1024));
export { StringMap };

/** A label selector (matchLabels / matchExpressions), as metav1.LabelSelector. */
export const LabelSelector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof LabelSelector>;

/** metav1.Condition. */
export const Condition = z.object({
  type: z.string().max(316),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().max(1024),
  message: z.string().max(32 * 1024),
  lastTransitionTime: z.string(),
  observedGeneration: z.number().int().min(0).optional(),
});
export type Condition = z.infer<typeof Condition>;

export const Conditions = z
  .array(Condition)
  .max(16)
  .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] });

/** The object metadata every custom resource carries; the API server owns its schema. */
export const ObjectMeta = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  generation: z.number().optional(),
  resourceVersion: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  deletionTimestamp: z.string().optional(),
  creationTimestamp: z.string().optional(),
});
