import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import {
  CustomObjectsApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { forceSyncAnnotation, group, version } from '../../api/v1alpha1/index.ts';
import type { ExternalSecretView } from './external-secret-view.ts';

const plural = 'externalsecrets';
/** Large enough to keep round trips few, small enough that no one response is a memory spike. */
const pageSize = 500;

interface ListPage {
  metadata?: { continue?: string };
  items?: ExternalSecretView[];
}

/** What the watch of one ExternalSecret reports. */
export type WatchedChange =
  | { readonly type: 'changed'; readonly object: ExternalSecretView }
  | { readonly type: 'deleted'; readonly object: ExternalSecretView };

/** The few ExternalSecret operations the CLI needs: read, annotate, watch. Never Secrets. */
export class ExternalSecrets {
  private readonly kubeConfig: KubeConfig;
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig) {
    this.kubeConfig = kubeConfig;
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Every ExternalSecret of `namespace`, or of all namespaces when it is undefined, in pages. */
  async list(namespace: string | undefined): Promise<ExternalSecretView[]> {
    const items: ExternalSecretView[] = [];
    let continueToken: string | undefined;
    do {
      const common = {
        group,
        version,
        plural,
        limit: pageSize,
        ...(continueToken ? { _continue: continueToken } : {}),
      };
      const page = (
        namespace === undefined
          ? await this.api.listClusterCustomObject(common)
          : await this.api.listNamespacedCustomObject({ ...common, namespace })
      ) as ListPage;
      items.push(...(page.items ?? []));
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return items;
  }

  async get(namespace: string, name: string): Promise<ExternalSecretView> {
    return (await this.api.getNamespacedCustomObject({
      group,
      version,
      plural,
      namespace,
      name,
    })) as ExternalSecretView;
  }

  /**
   * Sets the force-sync annotation to `value` (a merge patch: no other field is touched) and returns
   * the object as the patch left it; its resourceVersion is where a watch for the outcome starts.
   */
  async requestSync(namespace: string, name: string, value: string): Promise<ExternalSecretView> {
    const body = { metadata: { annotations: { [forceSyncAnnotation]: value } } };
    return (await this.api.patchNamespacedCustomObject(
      { group, version, plural, namespace, name, body, fieldManager: 'ferry-cli' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as ExternalSecretView;
  }

  /**
   * Watches one ExternalSecret from `resourceVersion` on, so nothing that happened since that
   * version is missed, and calls `onChange` for each new version. Reconnects where the server ended
   * the watch; when the server no longer has that version (410 Gone), reads the object afresh and
   * goes on from there. Resolves when `signal` aborts; rejects on an error it cannot get past.
   */
  async watch(
    namespace: string,
    name: string,
    resourceVersion: string,
    onChange: (change: WatchedChange) => void,
    signal: AbortSignal,
  ): Promise<void> {
    // Where the next watch resumes: the last version seen, bookmarks included.
    const cursor = { resourceVersion };
    // A function, as the abort happens while the loop awaits.
    const stopped = (): boolean => signal.aborted;
    while (!stopped()) {
      const startedAt = Date.now();
      const ended = await this.watchOnce(namespace, name, cursor, signal, onChange);
      if (stopped()) return;
      if (ended.gone) {
        const fresh = await this.get(namespace, name);
        cursor.resourceVersion = fresh.metadata.resourceVersion ?? '';
        onChange({ type: 'changed', object: fresh });
        continue;
      }
      // The server closing a watch after a while, or client-node's inactivity timeout: resume (at
      // once, unless the server keeps closing watches as soon as they open).
      const { error } = ended;
      if (error === null || error === undefined || (error as { name?: unknown }).name === 'TimeoutError') {
        if (Date.now() - startedAt < 1000) await sleep(1000, undefined, { signal }).catch(() => undefined);
        continue;
      }
      throw error instanceof Error ? error : new Error(`the watch ended: ${inspect(error)}`);
    }
  }

  /**
   * One watch request from `cursor`, which it moves along, until the server or the signal ends it.
   * `gone`: the server no longer has the version the cursor names.
   */
  private watchOnce(
    namespace: string,
    name: string,
    cursor: { resourceVersion: string },
    signal: AbortSignal,
    onChange: (change: WatchedChange) => void,
  ): Promise<{ gone: boolean; error: unknown }> {
    const path = `/apis/${group}/${version}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
    let gone = false;
    return new Promise((resolve) => {
      let request: AbortController | undefined;
      const abort = (): void => request?.abort();
      signal.addEventListener('abort', abort, { once: true });
      const done = (error: unknown): void => {
        signal.removeEventListener('abort', abort);
        resolve({ gone: gone || (error as { statusCode?: unknown } | null)?.statusCode === 410, error });
      };
      new Watch(this.kubeConfig)
        .watch(
          path,
          {
            fieldSelector: `metadata.name=${name}`,
            resourceVersion: cursor.resourceVersion,
            allowWatchBookmarks: true,
          },
          (phase: string, object: ExternalSecretView | undefined) => {
            if (phase === 'ERROR') {
              // 410 Gone: the cursor is older than the server keeps; it ends the watch next.
              gone ||= (object as { code?: unknown } | undefined)?.code === 410;
              return;
            }
            if (object?.metadata.resourceVersion) cursor.resourceVersion = object.metadata.resourceVersion;
            if (phase === 'BOOKMARK' || !object) return;
            onChange(phase === 'DELETED' ? { type: 'deleted', object } : { type: 'changed', object });
          },
          done,
        )
        .then((controller) => {
          request = controller;
          if (signal.aborted) controller.abort();
        }, done);
    });
  }
}
