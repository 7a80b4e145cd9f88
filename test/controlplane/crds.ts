import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiextensionsV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  loadAllYaml,
  type KubeConfig,
  type KubernetesObject,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';

/** Server-side applies every CRD in `dir` and waits until each is Established. Returns their names. */
export async function installCrds(kubeConfig: KubeConfig, dir: string): Promise<string[]> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'));
  const crds = files.flatMap(
    (file) => loadAllYaml(readFileSync(join(dir, file), 'utf8')) as KubernetesObject[],
  );
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const crd of crds) {
    try {
      await objects.patch(
        crd,
        undefined,
        undefined,
        'ferry-test-harness',
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      throw new Error(
        `applying CRD ${crd.metadata?.name ?? '?'} failed: ${typeof body === 'string' ? body : String(error)}`,
        { cause: error },
      );
    }
  }
  const extensions = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const names = crds.map((crd) => crd.metadata?.name ?? '');
  const deadline = Date.now() + 60_000;
  for (const name of names) {
    for (;;) {
      const crd: V1CustomResourceDefinition = await extensions.readCustomResourceDefinition({ name });
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not Established after 60s`);
      await sleep(100);
    }
  }
  return names;
}
