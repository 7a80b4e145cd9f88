// The zod schema of each provider's block in spec.provider. They live in the API package (they
// generate the CRDs); adapters may not reach into api/, so they take them from here.
export {
  AWSProvider as awsConfigSchema,
  AzureKVProvider as azurekvConfigSchema,
  FakeProvider as fakeConfigSchema,
  GCPSMProvider as gcpsmConfigSchema,
  VaultProvider as vaultConfigSchema,
  KubernetesProvider as kubernetesConfigSchema,
} from '../api/v1alpha1/index.ts';
