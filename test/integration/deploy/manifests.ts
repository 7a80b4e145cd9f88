import {
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { asClientModel } from '../../support/manifests.ts';

/**
 * Server-side applies manifests as an installer would (`kubectl apply --server-side`), in order,
 * naming the object and the API server's own message when one is refused.
 */
export async function serverSideApply(
  kubeConfig: KubeConfig,
  objects: readonly KubernetesObject[],
): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    try {
      await api.patch(
        asClientModel(object),
        undefined,
        undefined,
        'ferry-install',
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      const what = `${object.kind ?? '?'} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? '?'}`;
      throw new Error(`the API server refused ${what}: ${typeof body === 'string' ? body : String(error)}`, {
        cause: error,
      });
    }
  }
}

const namespaceFields = new Set(['namespace', 'remoteNamespace']);

/**
 * The objects with every namespace they name (metadata, RBAC subjects, a store's remoteNamespace)
 * replaced as `namespaces` says; `''` maps objects that name none (other than Namespaces). A
 * namespace the map does not cover is an error, so a test never writes where it does not own.
 */
export function inNamespaces(
  objects: readonly KubernetesObject[],
  namespaces: Readonly<Record<string, string>>,
): KubernetesObject[] {
  const mapped = (namespace: string): string => {
    const replacement = namespaces[namespace];
    if (replacement === undefined)
      throw new Error(`the manifests name namespace "${namespace}", which is not mapped`);
    return replacement;
  };
  const substitute = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => substitute(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, k)]));
    }
    return key !== undefined && namespaceFields.has(key) && typeof value === 'string' ? mapped(value) : value;
  };
  return objects.map((object) => {
    const moved = substitute(object) as KubernetesObject;
    if (object.kind !== 'Namespace' && object.metadata?.namespace === undefined) {
      moved.metadata = Object.assign({}, moved.metadata, { namespace: mapped('') });
    }
    return moved;
  });
}
