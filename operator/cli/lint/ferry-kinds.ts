import { z } from 'zod';
import {
  ClusterSecretStore,
  ExternalSecret,
  SecretStore,
  apiVersion,
  group,
} from '../../api/v1alpha1/index.ts';

export type JsonSchema = Record<string, unknown>;

/** A kind of Ferry's API: the zod schema the controller validates with, and the CRD's OpenAPI schema. */
export interface FerryKind {
  kind: 'ExternalSecret' | 'SecretStore' | 'ClusterSecretStore';
  namespaced: boolean;
  schema: z.ZodType;
  /** The OpenAPI schema the CRD carries (crds/ is generated the same way), with its CEL rules. */
  openApi: JsonSchema;
}

function openApiOf(schema: z.ZodType): JsonSchema {
  // The options of the CRD generator (operator/api/v1alpha1/structural-schema.ts): the input side,
  // so defaulted fields are optional and carry their `default`, as the API server applies them.
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
}

let kinds: ReadonlyMap<string, FerryKind> | undefined;

/** Ferry's kinds by name, built on first use (z.toJSONSchema walks every schema once). */
export function ferryKinds(): ReadonlyMap<string, FerryKind> {
  kinds ??= new Map(
    (
      [
        ['ExternalSecret', true, ExternalSecret],
        ['SecretStore', true, SecretStore],
        ['ClusterSecretStore', false, ClusterSecretStore],
      ] as const
    ).map(([kind, namespaced, schema]) => [kind, { kind, namespaced, schema, openApi: openApiOf(schema) }]),
  );
  return kinds;
}

export const ferryApiVersion = apiVersion;
export const ferryGroup = group;
