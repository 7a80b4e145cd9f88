import { CoreV1Api, CustomObjectsApi, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { vi } from 'vitest';

export const eventually = { timeout: 30_000, interval: 100 };

export interface ExternalSecretObject {
  metadata: {
    name: string;
    namespace: string;
    resourceVersion: string;
    generation: number;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status?: {
    conditions?: { type: string; status: string; reason: string; message: string }[];
    refreshTime?: string;
    syncedResourceVersion?: string;
    binding?: { name: string };
    history?: { time: string; action: string; reason: string; dataHash?: string; count?: number }[];
  };
}

export function readExternalSecret(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
): Promise<ExternalSecretObject> {
  return kubeConfig.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: 'ferry.dev',
    version: 'v1alpha1',
    plural: 'externalsecrets',
    namespace,
    name,
  }) as Promise<ExternalSecretObject>;
}

export async function readSecret(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
): Promise<V1Secret | undefined> {
  try {
    return await kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ namespace, name });
  } catch {
    return undefined;
  }
}

export function decoded(secret: V1Secret | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret?.data ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64').toString('utf8'),
    ]),
  );
}

export function readyCondition(
  es: ExternalSecretObject,
): { status: string; reason: string; message: string } | undefined {
  return es.status?.conditions?.find((condition) => condition.type === 'Ready');
}

/** Waits until the ExternalSecret's Ready condition has `reason`, and returns it. */
export async function waitForReason(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  reason: string,
): Promise<ExternalSecretObject> {
  return vi.waitFor(async () => {
    const es = await readExternalSecret(kubeConfig, namespace, name);
    const ready = readyCondition(es);
    if (ready?.reason !== reason)
      throw new Error(
        `Ready reason is ${ready?.reason ?? 'unset'} (${ready?.message ?? ''}), want ${reason}`,
      );
    return es;
  }, eventually);
}
