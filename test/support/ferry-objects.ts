// Ferry objects as the integration suites write them: a SecretStore of the fake provider holding
// the given remote values, and an ExternalSecret reading from a store (by default one named "fake").
import type { KubernetesObject } from '@kubernetes/client-node';

const apiVersion = 'ferry.dev/v1alpha1';

export type FerryObject = KubernetesObject & { spec: unknown };

export function fakeStoreObject(
  namespace: string,
  name: string,
  data: { key: string; value: string; version?: string }[],
): FerryObject {
  return {
    apiVersion,
    kind: 'SecretStore',
    metadata: { name, namespace },
    spec: { provider: { fake: { data } } },
  };
}

export function externalSecretObject(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): FerryObject {
  return {
    apiVersion,
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec: { secretStoreRef: { name: 'fake' }, ...spec },
  };
}
