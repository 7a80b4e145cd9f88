import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import {
  cel,
  celRulesOf,
  Conditions,
  Duration,
  goDurationPattern,
  ObjectMeta,
  ObjectName,
  SecretDataKey,
  StringMap,
} from './common.ts';
import { exactDurationMs } from './duration.ts';
import { apiVersion, isReservedKey, reservedKeyPrefix } from './constants.ts';

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
  nullBytePolicy: z
    .enum(['Ignore', 'Fail'])
    .optional()
    .describe(
      'Fail: a fetched value (after decoding) holding a NUL byte fails the sync, for values that must be text. Ignore when unset.',
    ),
});
export type RemoteRef = z.infer<typeof RemoteRef>;

export const DataEntry = z.object({
  secretKey: SecretDataKey.describe('Key of the target Secret that receives the value.'),
  remoteRef: RemoteRef,
  sourceRef: StoreSourceRef.optional(),
});
export type DataEntry = z.infer<typeof DataEntry>;

/**
 * data[] as an associative list keyed by secretKey: the API server refuses a second entry for a key
 * (which would silently overwrite the first) and names it, at no CEL cost for up to 1000 entries; and
 * server-side apply tracks each entry apart, so two field managers may each own their keys.
 */
export const DataEntries = z
  .array(DataEntry)
  .max(1000)
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.secretKey)) {
        context.addIssue({
          code: 'custom',
          message: `Duplicate value: secretKey ${JSON.stringify(entry.secretKey)} is already written by an earlier entry; each key of the target Secret comes from one entry`,
          path: [index, 'secretKey'],
        });
      }
      seen.add(entry.secretKey);
    });
  })
  .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['secretKey'] });

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
  nullBytePolicy: z
    .enum(['Ignore', 'Fail'])
    .optional()
    .describe(
      'Fail: a fetched value (after decoding) holding a NUL byte fails the sync, for values that must be text. Ignore when unset.',
    ),
});
export type FindQuery = z.infer<typeof FindQuery>;

const mergeIntoMessage =
  'merge.into is required with strategy JSON: name the Secret key that receives the merged JSON';
export const RewriteMerge = cel(
  z.object({
    into: z
      .string()
      .max(253)
      .regex(/^[-._a-zA-Z0-9]*$/, 'expected a Secret key: letters, digits, "-", "_" and "."')
      .optional()
      .describe(
        'Key that receives the merged JSON object. Required with strategy JSON; ignored with Extract.',
      ),
    priority: z
      .array(z.string().min(1).max(2048))
      .max(256)
      .optional()
      .describe(
        'Keys merged last, in this order, so that their fields win a conflict; the other keys are merged first, in byte order.',
      ),
    priorityPolicy: z
      .enum(['IgnoreNotFound', 'Strict'])
      .optional()
      .describe(
        'Strict (when unset): a priority key the entry does not have fails the sync. IgnoreNotFound: it is skipped.',
      ),
    conflictPolicy: z
      .enum(['Ignore', 'Error'])
      .optional()
      .describe(
        'Error (when unset): a field found in two values fails the sync. Ignore: the value merged last wins.',
      ),
    strategy: z
      .enum(['Extract', 'JSON'])
      .optional()
      .describe(
        "Extract (when unset): the merged fields replace the entry's keys. JSON: the keys stay, and the merged object is added as JSON under into.",
      ),
  }),
  [
    {
      rule: "!has(self.strategy) || self.strategy != 'JSON' || (has(self.into) && size(self.into) > 0)",
      message: mergeIntoMessage,
    },
  ],
);
export type RewriteMerge = z.infer<typeof RewriteMerge>;

export const Rewrite = cel(
  z.object({
    merge: RewriteMerge.optional().describe(
      'Merges the JSON objects held in the values into one: as keys (Extract) or as one JSON value (JSON).',
    ),
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
      rule: '(has(self.merge) ? 1 : 0) + (has(self.regexp) ? 1 : 0) + (has(self.transform) ? 1 : 0) == 1',
      message: 'a rewrite has exactly one of merge, regexp or transform',
    },
  ],
);
export type Rewrite = z.infer<typeof Rewrite>;

export const DataFromEntry = cel(
  z.object({
    extract: RemoteRef.optional().describe('Every key of one remote secret (a JSON object or a map).'),
    find: FindQuery.optional().describe('Every remote secret whose name, path or tags match.'),
    rewrite: z
      .array(Rewrite)
      .max(32)
      .optional()
      .describe(
        'Applied in order, each to the result of the one before: regexp and transform rename keys, merge merges JSON values.',
      ),
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
  name: ObjectName.describe('Name of the ConfigMap or Secret, in the namespace of the ExternalSecret.'),
  items: z
    .array(
      z.object({
        key: SecretDataKey.describe('Key of the ConfigMap or Secret that holds a template.'),
        templateAs: z
          .enum(['Values', 'KeysAndValues'])
          .default('Values')
          .describe(
            'Values: the template renders the value of the key of the same name. KeysAndValues: the template renders a YAML map of keys to values.',
          ),
      }),
    )
    .max(64),
});

const serviceAccountTokenType = 'kubernetes.io/service-account-token';
const serviceAccountNameAnnotation = 'kubernetes.io/service-account.name';
const bootstrapTokenType = 'bootstrap.kubernetes.io/token';
const privilegedTemplateMessages = {
  bootstrapToken: `template.type ${bootstrapTokenType} is not allowed`,
  serviceAccountName: `template.type ${serviceAccountTokenType} with the annotation ${serviceAccountNameAnnotation} is not allowed`,
  annotationsTarget: `template.type ${serviceAccountTokenType} with a templateFrom target Annotations is not allowed`,
};
/** ESO's privileged-template rules: a template must not mint a long-lived token beyond its author's RBAC. */
const privilegedTemplateRules = [
  {
    rule: `!has(self.type) || self.type != '${bootstrapTokenType}'`,
    message: privilegedTemplateMessages.bootstrapToken,
    fieldPath: '.type',
  },
  {
    rule: `!has(self.type) || self.type != '${serviceAccountTokenType}' || !has(self.metadata) || !has(self.metadata.annotations) || !('${serviceAccountNameAnnotation}' in self.metadata.annotations)`,
    message: privilegedTemplateMessages.serviceAccountName,
    fieldPath: '.type',
  },
  {
    rule: `!has(self.type) || self.type != '${serviceAccountTokenType}' || !has(self.templateFrom) || self.templateFrom.all(t, !has(t.target) || t.target != 'Annotations')`,
    message: privilegedTemplateMessages.annotationsTarget,
    fieldPath: '.type',
  },
];

const reservedKeyMessage = (field: 'labels' | 'annotations') =>
  `template.metadata.${field} may not set keys under ${reservedKeyPrefix} (such as ${reservedKeyPrefix}managed or ${reservedKeyPrefix}owner): Ferry writes its own markers, which decide the ExternalSecret that owns a Secret; use another prefix`;
/** Ferry's markers never come from a template: a forged owner label would let another ExternalSecret adopt, and delete, the Secret. */
const reservedKeyRules = (['labels', 'annotations'] as const).map((field) => ({
  rule: `!has(self.metadata) || !has(self.metadata.${field}) || self.metadata.${field}.all(k, !k.startsWith('${reservedKeyPrefix}'))`,
  message: reservedKeyMessage(field),
  fieldPath: `.metadata.${field}`,
}));

/** The reserved-key rules at sync time, for objects the API server admitted before the rules existed. */
function reservedKeyIssues(metadata: {
  labels?: Record<string, string> | undefined;
  annotations?: Record<string, string> | undefined;
}): { message: string; path: string[] }[] {
  return (['labels', 'annotations'] as const)
    .filter((field) => Object.keys(metadata[field] ?? {}).some(isReservedKey))
    .map((field) => ({ message: reservedKeyMessage(field), path: ['metadata', field] }));
}

/** The same rules at sync time, for objects the API server admitted before the rules existed. */
function privilegedTemplateIssues(template: {
  type?: string | undefined;
  metadata?: { annotations?: Record<string, string> | undefined } | undefined;
  templateFrom?: { target: string }[] | undefined;
}): string[] {
  const issues: string[] = [];
  if (template.type === bootstrapTokenType) issues.push(privilegedTemplateMessages.bootstrapToken);
  if (template.type !== serviceAccountTokenType) return issues;
  if (template.metadata?.annotations?.[serviceAccountNameAnnotation] !== undefined)
    issues.push(privilegedTemplateMessages.serviceAccountName);
  if (template.templateFrom?.some((entry) => entry.target === 'Annotations'))
    issues.push(privilegedTemplateMessages.annotationsTarget);
  return issues;
}

export const Template = cel(
  z
    .object({
      type: z.string().max(253).optional().describe('Type of the target Secret, e.g. kubernetes.io/tls.'),
      engineVersion: z.enum(['v2']).default('v2').describe('Only v2: Go text/template with Sprig, as ESO.'),
      metadata: z
        .object({
          labels: z
            .record(z.string(), z.string())
            .optional()
            .describe('Labels of the Secret; each value is a template.'),
          annotations: z
            .record(z.string(), z.string())
            .optional()
            .describe('Annotations of the Secret; each value is a template.'),
          finalizers: z
            .array(
              z
                .string()
                .max(317)
                .regex(
                  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/,
                  'expected a qualified finalizer name such as example.com/keep (a DNS prefix, "/", and a name)',
                ),
            )
            .max(16)
            .optional()
            .describe(
              'Finalizers Ferry adds to the Secret (not templates), as ESO does. One removed here leaves the Secret at its next write.',
            ),
        })
        .optional(),
      mergePolicy: z
        .enum(['Replace', 'Merge'])
        .default('Replace')
        .describe('Replace: the Secret holds what the templates render. Merge: the fetched keys as well.'),
      data: StringMap.optional().describe('Key of the target Secret → template producing its value.'),
      templateFrom: z
        .array(
          cel(
            z.object({
              configMap: TemplateFromSource.optional().describe('Templates kept in a ConfigMap.'),
              secret: TemplateFromSource.optional().describe('Templates kept in a Secret.'),
              target: z
                .enum(['Data', 'Annotations', 'Labels'])
                .default('Data')
                .describe('Where the rendered keys go.'),
              literal: z
                .string()
                .max(64 * 1024)
                .optional()
                .describe('A template, written here, that renders a YAML map of keys to values.'),
              valuesDecodingStrategy: z
                .enum(['None', 'Base64', 'Base64URL', 'Auto'])
                .optional()
                .describe(
                  'Decodes each value this entry renders, as remoteRef.decodingStrategy decodes a remote value: a template that renders base64 text yields binary bytes. None when unset.',
                ),
            }),
            [
              {
                rule: 'has(self.configMap) || has(self.secret) || has(self.literal)',
                message: 'a templateFrom entry needs a configMap, a secret or a literal',
              },
            ],
          ),
        )
        .max(32)
        .optional(),
    })
    .superRefine((template, context) => {
      for (const message of privilegedTemplateIssues(template))
        context.addIssue({ code: 'custom', message, path: ['type'] });
      for (const { message, path } of reservedKeyIssues(template.metadata ?? {}))
        context.addIssue({ code: 'custom', message, path });
    }),
  [...privilegedTemplateRules, ...reservedKeyRules],
);
export type Template = z.infer<typeof Template>;

export const Target = cel(
  z.object({
    name: ObjectName.optional().describe('Name of the Secret to write; defaults to the ExternalSecret name.'),
    creationPolicy: z
      .enum(['Owner', 'Orphan', 'Merge', 'None', 'CreateOrMerge'])
      .default('Owner')
      .describe(
        'Owner: create the Secret, owned by (and deleted with) the ExternalSecret. Orphan: create it without an ownerReference. Merge: add keys to an existing Secret. CreateOrMerge: create the Secret if it is missing (recreated if deleted) and add keys to it if it exists, without an ownerReference. None: write no Secret.',
      ),
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
    {
      // As ESO's webhook: None writes no Secret, so there are no keys to remove.
      rule: "!has(self.deletionPolicy) || self.deletionPolicy != 'Merge' || !has(self.creationPolicy) || self.creationPolicy != 'None'",
      message:
        'deletionPolicy Merge needs a Secret to remove keys from, and creationPolicy None writes none; use deletionPolicy Retain',
      fieldPath: '.deletionPolicy',
    },
  ],
);
export type Target = z.infer<typeof Target>;

// One cron field as ESO's parser (robfig/cron) reads it: values, 3-letter names, ranges, steps, * and
// ?. Narrower than cron-parser's syntax on purpose: no L, W, # or H, which ESO does not know.
const cronPart = '(\\*|\\?|([0-9]+|[A-Za-z]{3})(-([0-9]+|[A-Za-z]{3}))?)(/[0-9]+)?';
const cronField = `${cronPart}(,${cronPart})*`;
/** A 5-field cron expression (UTC) or a descriptor, as ESO's syncWindows schedule takes. */
export const syncWindowSchedulePattern = `^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)|@every ([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+|${cronField}( ${cronField}){4})$`;

/** Why a 5-field cron expression cannot be evaluated (a value out of range, an unknown name), if it cannot. */
function cronProblem(schedule: string): string | undefined {
  if (schedule.startsWith('@') || !new RegExp(syncWindowSchedulePattern).test(schedule)) return undefined;
  try {
    CronExpressionParser.parse(schedule, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const scheduleMessage =
  'expected a 5-field cron expression in UTC such as "0 22 * * 1-5", or @hourly, @daily, @weekly, @monthly, @yearly or "@every 6h"';

// Cron's own granularity is the minute: a shorter window or @every interval (ESO accepts "@every 1ns")
// would open and close between two looks, so a refresh it gates might never run.
const syncWindowFloor = '1m';
const syncWindowFloorMs = 60_000;
const everyPrefix = '@every ';
const shortWindowMessage = `a sync window lasts at least ${syncWindowFloor} (cron's own granularity), such as "30m" or "8h"`;
const shortEveryMessage = `"@every" needs an interval of at least ${syncWindowFloor} (cron's own granularity), such as "@every 6h"`;
/** True when `text` is a duration below the floor; malformed text is the pattern rules' to report. */
function durationBelow(text: string, floorMs: number): boolean {
  return new RegExp(goDurationPattern).test(text) && exactDurationMs(text) < floorMs;
}
/** CEL of the same: a guard so malformed text leaves the message to the pattern rule. */
function celDurationBelow(text: string, floor: string): string {
  return `${text}.matches(r'${goDurationPattern}') && duration(${text}) < duration('${floor}')`;
}

export const SyncWindowEntry = cel(
  z
    .object({
      schedule: cel(
        z
          .string()
          .min(1)
          .max(256)
          .refine((value) => new RegExp(syncWindowSchedulePattern).test(value), scheduleMessage)
          .superRefine((value, context) => {
            const problem = cronProblem(value);
            if (problem !== undefined)
              context.addIssue({ code: 'custom', message: `cron expression: ${problem}` });
          })
          .describe(
            'When each window opens: a 5-field cron expression evaluated in UTC ("0 22 * * 1-5"), or @hourly, @daily (@midnight), @weekly, @monthly, @yearly (@annually), or "@every <duration>" (windows open at multiples of the duration since the Unix epoch).',
          ),
        [{ rule: `self.matches(r'${syncWindowSchedulePattern}')`, message: scheduleMessage }],
      ),
      duration: Duration.describe('How long the window stays open after each opening, such as "8h".'),
    })
    .refine((entry) => !durationBelow(entry.duration, syncWindowFloorMs), {
      message: shortWindowMessage,
      path: ['duration'],
    })
    .refine(
      (entry) =>
        !entry.schedule.startsWith(everyPrefix) ||
        !durationBelow(entry.schedule.slice(everyPrefix.length), syncWindowFloorMs),
      { message: shortEveryMessage, path: ['schedule'] },
    ),
  [
    {
      rule: `!(${celDurationBelow('self.duration', syncWindowFloor)})`,
      message: shortWindowMessage,
      fieldPath: '.duration',
    },
    {
      rule: `!self.schedule.startsWith('${everyPrefix}') || !(${celDurationBelow(`self.schedule.substring(${String(everyPrefix.length)})`, syncWindowFloor)})`,
      message: shortEveryMessage,
      fieldPath: '.schedule',
    },
  ],
);
export type SyncWindowEntry = z.infer<typeof SyncWindowEntry>;

export const SyncWindows = z
  .object({
    kind: z
      .enum(['allow', 'deny'])
      .describe(
        'allow: periodic refreshes happen only while some window is open; deny: no periodic refresh while any window is open.',
      ),
    windows: z.array(SyncWindowEntry).min(1).max(20),
  })
  .describe(
    'Restricts when periodic refreshes may happen (refreshPolicy Periodic only). The first sync, spec and annotation changes (force-sync included) and repairs of a missing or altered Secret are never blocked.',
  );
export type SyncWindows = z.infer<typeof SyncWindows>;

// "0" syncs once; anything above zero but under a second re-read the store some 600 times a second
// from one object. The operator's --min-refresh-interval (and config/admission) may raise the floor.
const refreshIntervalFloor = '1s';
const refreshIntervalFloorMs = 1000;
const refreshIntervalMessage = `refreshInterval is "0" (sync once) or at least ${refreshIntervalFloor}, such as "30s", "5m" or "1h"`;
const RefreshInterval = cel(
  Duration.refine((value) => !(durationBelow(value, refreshIntervalFloorMs) && exactDurationMs(value) > 0), {
    message: refreshIntervalMessage,
  }),
  [
    ...celRulesOf(Duration),
    {
      rule: `!(${celDurationBelow('self', refreshIntervalFloor)}) || duration(self) == duration('0s')`,
      message: refreshIntervalMessage,
    },
  ],
);

export const ExternalSecretSpec = cel(
  z.object({
    secretStoreRef: SecretStoreRef.optional(),
    target: Target.prefault({}),
    refreshPolicy: z.enum(['Periodic', 'OnChange', 'CreatedOnce']).default('Periodic'),
    refreshInterval: RefreshInterval.default('1h').describe(
      'How often to re-read the store; "0" syncs once and then only on change.',
    ),
    syncWindows: SyncWindows.optional(),
    data: DataEntries.optional(),
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

// Restored was added after the first five: a repair of an out-of-band change, recorded as such.
export const SyncAction = z.enum(['Created', 'Updated', 'Restored', 'Unchanged', 'Deleted', 'Failed']);
export type SyncAction = z.infer<typeof SyncAction>;

/** The out-of-band change to the target Secret that a Restored sync undid. */
export const DriftRecord = z.object({
  change: z.enum(['Edited', 'Deleted']).describe('Edited: its data was changed; Deleted: it was deleted.'),
  fieldManager: z
    .string()
    .max(128)
    .optional()
    .describe(
      "The field manager that last wrote the Secret's data, per its managedFields; unset when none is recorded (always for a deleted Secret).",
    ),
});
export type DriftRecord = z.infer<typeof DriftRecord>;

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
  drift: DriftRecord.optional().describe('For a Restored sync: the out-of-band change it undid.'),
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
