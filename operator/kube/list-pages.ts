import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { rawGet } from './raw-get.ts';

/** Large enough to keep round trips few, small enough that no one response is a memory spike. */
const defaultPageSize = 500;

interface ListPage<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

/**
 * Lists a collection in pages (limit/continue). All pages come from one consistent snapshot, whose
 * resourceVersion the first page carries, so a watch can resume from it exactly as after one big
 * list. `eachItem` may trim an object before it is kept.
 */
export async function listInPages<T extends KubernetesObject>(
  kubeConfig: KubeConfig,
  path: string,
  options: {
    accept: string;
    labelSelector?: string | undefined;
    pageSize?: number;
    eachItem?: (item: T) => T;
  },
): Promise<KubernetesListObject<T>> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig has no current cluster');
  const items: T[] = [];
  let first: ListPage<T> | undefined;
  let continueToken: string | undefined;
  do {
    const url = new URL(server + path);
    url.searchParams.set('limit', String(options.pageSize ?? defaultPageSize));
    if (options.labelSelector) url.searchParams.set('labelSelector', options.labelSelector);
    if (continueToken) url.searchParams.set('continue', continueToken);
    const page = (await rawGet(kubeConfig, url, options.accept)) as ListPage<T>;
    first ??= page;
    for (const item of page.items ?? []) items.push(options.eachItem ? options.eachItem(item) : item);
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken);
  return {
    apiVersion: first.apiVersion ?? 'v1',
    kind: first.kind ?? 'List',
    metadata: { resourceVersion: first.metadata?.resourceVersion ?? '' },
    items,
  };
}
