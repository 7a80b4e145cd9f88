import { z } from 'zod';
import { cel, Conditions, Duration, ObjectMeta, ObjectName, SecretDataKey, StringMap } from './common.ts';
import { apiVersion } from './constants.ts';

// Field names, enums and defaults follow External Secrets Operator's external-secrets.io/v1 API.

export const SecretStoreRef = z.object({
  name: ObjectName.describe('Name of the SecretStore or ClusterSecretStore.'),
  kind: z.enum(['SecretStore', 'ClusterSecretStore']).default('SecretStore'),
});
export type SecretStoreRef = z.infer<typeof SecretStoreRef>;

const StoreSourceRef = z.object({
  storeRef: SecretStoreRef.optional().describe(
    'Read this entry from another store than spec.secretStoreRef.',
  ),
});

export const RemoteRef = z.object({
  key: z.string().min(1).max(2048).describe('Key (name or path) of the secret in the external store.'),
  property: z
    .string()
    .max(2048)
    .optional()
    .describe('Path into a JSON value (gjson syntax), or the key within a Kubernetes Secret.'),
  version: z
    .string()
    .max(256)
    .optional()
    .describe('Version or stage of the remote secret; the latest when unset.'),
  metadataPolicy: z.enum(['None', 'Fetch']).default('None'),
  conversionStrategy: z.enum(['Default', 'Unicode']).default('Default'),
  decodingStrategy: z.enum(['None', 'Base64', 'Base64URL', 'Auto']).default('None'),
});
export type RemoteRef = z.infer<typeof RemoteRef>;

export const DataEntry = z.object({
  secretKey: SecretDataKey.describe('Key of the target Secret that receives the value.'),
  remoteRef: RemoteRef,
  sourceRef: StoreSourceRef.optional(),
});
export type DataEntry = z.infer<typeof DataEntry>;

export const FindQuery = z.object({
  path: z.string().max(2048).optional().describe('Only secrets under this path (providers that have paths).'),
  name: z
    .object({
      regexp: z.string().min(1).max(1024).describe('RE2 regular expression matched against secret names.'),
    })
    .optional(),
  tags: z
    .record(z.string(), z.string())
    .optional()
    .describe('Only secrets carrying all of these tags or labels.'),
  conversionStrategy: z.enum(['Default', 'Unicode']).default('Default'),
  decodingStrategy: z.enum(['None', 'Base64', 'Base64URL', 'Auto']).default('None'),
});
export type FindQuery = z.infer<typeof FindQuery>;

export const Rewrite = cel(
  z.object({
    regexp: z
      .object({
        source: z.string().min(1).max(1024).describe('RE2 regular expression matched against each key.'),
        target: z.string().max(1024).describe('Replacement; $1, ${name} refer to groups.'),
      })
      .optional(),
    transform: z.object({ template: z.string().min(1).max(4096) }).optional(),
  }),
  [
    {
      rule: 'has(self.regexp) != has(self.transform)',
      message: 'a rewrite has exactly one of regexp or transform',
    },
  ],
);
export type Rewrite = z.infer<typeof Rewrite>;

export const DataFromEntry = cel(
  z.object({
    extract: RemoteRef.optional().describe('Every key of one remote secret (a JSON object or a map).'),
    find: FindQuery.optional().describe('Every remote secret whose name, path or tags match.'),
    rewrite: z.array(Rewrite).max(32).optional().describe('Applied to the keys in order.'),
    sourceRef: StoreSourceRef.optional(),
  }),
  [
    {
      rule: 'has(self.extract) != has(self.find)',
      message: 'a dataFrom entry has exactly one of extract or find',
    },
  ],
);
export type DataFromEntry = z.infer<typeof DataFromEntry>;

const TemplateFromSource = z.object({
  name: ObjectName,
  items: z
    .array(
      z.object({
        key: z.string().min(1).max(253),
        templateAs: z.enum(['Values', 'KeysAndValues']).default('Values'),
      }),
    )
    .max(64),
});

export const Template = z.object({
  type: z.string().max(253).optional().describe('Type of the target Secret, e.g. kubernetes.io/tls.'),
  engineVersion: z.enum(['v2']).default('v2'),
  metadata: z
    .object({
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  mergePolicy: z.enum(['Replace', 'Merge']).default('Replace'),
  data: StringMap.optional().describe('Key of the target Secret → template producing its value.'),
  templateFrom: z
    .array(
      z.object({
        configMap: TemplateFromSource.optional(),
        secret: TemplateFromSource.optional(),
        target: z.enum(['Data', 'Annotations', 'Labels']).default('Data'),
        literal: z
          .string()
          .max(64 * 1024)
          .optional(),
      }),
    )
    .max(32)
    .optional(),
});
export type Template = z.infer<typeof Template>;

export const Target = cel(
  z.object({
    name: ObjectName.optional().describe('Name of the Secret to write; defaults to the ExternalSecret name.'),
    creationPolicy: z.enum(['Owner', 'Orphan', 'Merge', 'None']).default('Owner'),
    deletionPolicy: z.enum(['Retain', 'Delete', 'Merge']).default('Retain'),
    immutable: z.boolean().optional(),
    template: Template.optional(),
  }),
  [
    {
      // Written for unset fields too: the API server checks the rule against the bare `{}` default.
      rule: "!has(self.deletionPolicy) || self.deletionPolicy != 'Delete' || !has(self.creationPolicy) || self.creationPolicy == 'Owner'",
      message: 'deletionPolicy Delete requires creationPolicy Owner',
      fieldPath: '.deletionPolicy',
    },
  ],
);
export type Target = z.infer<typeof Target>;

export const ExternalSecretSpec = cel(
  z.object({
    secretStoreRef: SecretStoreRef.optional(),
    target: Target.prefault({}),
    refreshPolicy: z.enum(['Periodic', 'OnChange', 'CreatedOnce']).default('Periodic'),
    refreshInterval: Duration.default('1h').describe(
      'How often to re-read the store; "0" syncs once and then only on change.',
    ),
    data: z.array(DataEntry).max(1000).optional(),
    dataFrom: z.array(DataFromEntry).max(100).optional(),
  }),
  [
    {
      rule: '(has(self.data) && size(self.data) > 0) || (has(self.dataFrom) && size(self.dataFrom) > 0)',
      message: 'an ExternalSecret needs at least one entry in data or dataFrom',
    },
    {
      rule: 'has(self.secretStoreRef) || ((!has(self.data) || self.data.all(d, has(d.sourceRef) && has(d.sourceRef.storeRef))) && (!has(self.dataFrom) || self.dataFrom.all(d, has(d.sourceRef) && has(d.sourceRef.storeRef))))',
      message:
        'spec.secretStoreRef is required unless every data and dataFrom entry names its own sourceRef.storeRef',
    },
  ],
);
export type ExternalSecretSpec = z.infer<typeof ExternalSecretSpec>;

export const SyncAction = z.enum(['Created', 'Updated', 'Unchanged', 'Deleted', 'Failed']);
export type SyncAction = z.infer<typeof SyncAction>;

/** One line of the audit trail in status.history: what a sync did, never what the values were. */
export const HistoryEntry = z.object({
  time: z.string().describe('When the sync ended (RFC 3339).'),
  action: SyncAction,
  reason: z.string().max(1024),
  dataHash: z
    .string()
    .max(128)
    .optional()
    .describe('Keyed hash of the data written; equal hashes mean equal data.'),
  remoteVersions: z
    .record(z.string(), z.string())
    .optional()
    .describe('Remote key → version used, where the store has versions.'),
  count: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Consecutive identical Unchanged syncs folded into this entry.'),
  lastTime: z.string().optional().describe('Time of the last of the folded syncs.'),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ExternalSecretStatus = z.object({
  conditions: Conditions.optional(),
  refreshTime: z.string().optional().describe('When the data was last read from the store.'),
  syncedResourceVersion: z.string().optional(),
  binding: z.object({ name: z.string() }).optional().describe('The Secret this ExternalSecret writes.'),
  observedGeneration: z.number().int().optional(),
  history: z.array(HistoryEntry).max(10).optional().describe('The last syncs, newest last.'),
});
export type ExternalSecretStatus = z.infer<typeof ExternalSecretStatus>;

export const ExternalSecret = z.object({
  apiVersion: z.literal(apiVersion),
  kind: z.literal('ExternalSecret'),
  metadata: ObjectMeta,
  spec: ExternalSecretSpec,
  status: ExternalSecretStatus.optional(),
});
export type ExternalSecret = z.infer<typeof ExternalSecret>;
