import type { KubeConfig, V1Secret } from '@kubernetes/client-node';
import { applyObjects, loadExample } from './manifests.ts';
import { readSecret, waitForReason, type ExternalSecretObject } from './waiting.ts';

/**
 * Applies examples/fake in `namespace` and waits until its ExternalSecret `app-db` reports
 * SecretSynced: the first thing every way of running the operator (sources, bundle, image) must do.
 * Returns the ExternalSecret and its Secret for the caller's assertions.
 */
export async function syncFakeExample(
  kubeConfig: KubeConfig,
  namespace: string,
): Promise<{ es: ExternalSecretObject; secret: V1Secret | undefined }> {
  await applyObjects(kubeConfig, [
    ...loadExample('fake/secret-store.yaml', namespace),
    ...loadExample('fake/external-secret.yaml', namespace),
  ]);
  const es = await waitForReason(kubeConfig, namespace, 'app-db', 'SecretSynced');
  return { es, secret: await readSecret(kubeConfig, namespace, 'app-db') };
}
