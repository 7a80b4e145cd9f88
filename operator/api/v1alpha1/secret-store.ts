import { z } from 'zod';
import { cel, Conditions, LabelSelector, NamespaceName, ObjectMeta } from './common.ts';
import { apiVersion } from './constants.ts';
import { AWSProvider } from './provider-aws.ts';
import { AzureKVProvider } from './provider-azurekv.ts';
import { FakeProvider } from './provider-fake.ts';
import { GCPSMProvider } from './provider-gcpsm.ts';
import { KubernetesProvider } from './provider-kubernetes.ts';
import { VaultProvider } from './provider-vault.ts';

/** The provider blocks a store may hold; exactly one is set. New providers add a field here. */
export const providerNames = ['fake', 'kubernetes', 'aws', 'vault', 'azurekv', 'gcpsm'] as const;
export type ProviderName = (typeof providerNames)[number];

export const StoreProvider = cel(
  z.object({
    fake: FakeProvider.optional(),
    kubernetes: KubernetesProvider.optional(),
    aws: AWSProvider.optional(),
    vault: VaultProvider.optional(),
    azurekv: AzureKVProvider.optional(),
    gcpsm: GCPSMProvider.optional(),
  }),
  [
    {
      rule: `[${providerNames.map((name) => `has(self.${name})`).join(', ')}].filter(x, x).size() == 1`,
      message: `spec.provider has exactly one provider block (one of: ${providerNames.join(', ')})`,
    },
  ],
);
export type StoreProvider = z.infer<typeof StoreProvider>;

/** Which namespaces may use a ClusterSecretStore; an entry admits a namespace if any of its parts match. */
export const ClusterStoreCondition = z.object({
  namespaceSelector: LabelSelector.optional(),
  namespaces: z.array(NamespaceName).max(1000).optional(),
  namespaceRegexes: z
    .array(z.string().min(1).max(1024))
    .max(100)
    .optional()
    .describe('RE2 regular expressions.'),
});
export type ClusterStoreCondition = z.infer<typeof ClusterStoreCondition>;

const storeSpecFields = {
  controller: z
    .string()
    .max(253)
    .optional()
    .describe('Only the operator started with this controller class handles the store.'),
  provider: StoreProvider,
  refreshInterval: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .optional()
    .describe('Seconds between re-validations of the store.'),
  rateLimit: z
    .object({
      requestsPerSecond: z
        .number()
        .positive()
        .max(100_000)
        .describe('Calls per second this operator makes to the store, sustained (e.g. 0.5, 20).'),
      burst: z
        .number()
        .int()
        .min(1)
        .max(100_000)
        .optional()
        .describe('Calls allowed at once after a quiet spell. Default: requestsPerSecond, rounded up.'),
    })
    .optional()
    .describe(
      'Ferry only (ESO has no such field): a client-side limit on the calls this operator makes to the store, ' +
        'shared by every ExternalSecret that uses it. Absent: no limit, but Ferry still backs off when the ' +
        'store answers that it is throttling.',
    ),
  retrySettings: z
    .object({
      maxRetries: z.number().int().min(0).max(100).optional(),
      retryInterval: z.string().max(64).optional(),
    })
    .optional(),
};

export const SecretStoreSpec = z.object(storeSpecFields);
export type SecretStoreSpec = z.infer<typeof SecretStoreSpec>;

export const ClusterSecretStoreSpec = z.object({
  ...storeSpecFields,
  conditions: z
    .array(ClusterStoreCondition)
    .max(100)
    .optional()
    .describe('Absent: every namespace may use the store.'),
});
export type ClusterSecretStoreSpec = z.infer<typeof ClusterSecretStoreSpec>;

export const SecretStoreStatus = z.object({
  conditions: Conditions.optional(),
  capabilities: z.enum(['ReadOnly', 'WriteOnly', 'ReadWrite']).optional(),
  observedGeneration: z.number().int().optional(),
});
export type SecretStoreStatus = z.infer<typeof SecretStoreStatus>;

export const SecretStore = z.object({
  apiVersion: z.literal(apiVersion),
  kind: z.literal('SecretStore'),
  metadata: ObjectMeta,
  spec: SecretStoreSpec,
  status: SecretStoreStatus.optional(),
});
export type SecretStore = z.infer<typeof SecretStore>;

export const ClusterSecretStore = z.object({
  apiVersion: z.literal(apiVersion),
  kind: z.literal('ClusterSecretStore'),
  metadata: ObjectMeta,
  spec: ClusterSecretStoreSpec,
  status: SecretStoreStatus.optional(),
});
export type ClusterSecretStore = z.infer<typeof ClusterSecretStore>;
