import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../logging/index.ts';
import { backoffDelayMs } from './backoff.ts';
import { kubeErrorLogFields } from './errors.ts';
import { metadataOnlyList, metadataOnlyObject, rawGet, withAcceptHeader } from './raw-get.ts';

export interface ChangeStreamSpec {
  /** Name for logs and metrics, e.g. `template-configmaps`. */
  name: string;
  /** Collection path without query, e.g. `/api/v1/configmaps`. */
  path: string;
  /** Only objects this label selector matches; an object that stops matching is heard as deleted. */
  labelSelector?: string;
  /** Called on every restart after an error (metrics). */
  onRestart?: (stream: string) => void;
}

/**
 * Which objects of a collection change, without keeping any of them: a metadata-only watch whose
 * events are handed on and dropped. For collections of which Ferry needs only a few objects, read
 * when needed, but must hear when those change (the ConfigMaps and Secrets that templates come
 * from): an informer would hold every ConfigMap of the cluster in memory.
 *
 * The watch resumes from the last resourceVersion it saw, so a reconnect misses nothing. When the
 * server no longer has that version (410 Gone), changes may have been missed: the stream starts
 * afresh and tells its `onResync` handlers, which must assume anything changed.
 */
export class ChangeStream {
  readonly name: string;
  private readonly kubeConfig: KubeConfig;
  private readonly path: string;
  private readonly labelSelector: string | undefined;
  private readonly watch: Watch;
  private readonly log: Logger;
  private readonly onRestart: ((stream: string) => void) | undefined;
  private readonly changeHandlers: ((namespace: string, name: string) => void)[] = [];
  private readonly resyncHandlers: (() => void)[] = [];
  private resourceVersion = '';
  private epoch = 0;
  private running = false;
  private started = false;
  private watching = false;
  private attempt = 0;
  private endedAttempt = 0;
  private attemptStartedAt = 0;
  private failures = 0;
  private request: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(kubeConfig: KubeConfig, spec: ChangeStreamSpec, log: Logger) {
    this.name = spec.name;
    this.kubeConfig = kubeConfig;
    this.path = spec.path;
    this.labelSelector = spec.labelSelector;
    this.onRestart = spec.onRestart;
    this.watch = new Watch(withAcceptHeader(kubeConfig, metadataOnlyObject));
    this.log = log.child({ changeStream: spec.name });
  }

  /** An object of the collection was added, changed or deleted. Handlers should only note and enqueue. */
  onChange(handler: (namespace: string, name: string) => void): void {
    this.changeHandlers.push(handler);
  }

  /** Changes may have been missed (the watch fell too far behind): treat every object as changed. */
  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler);
  }

  /**
   * While the stream is connected: a number that stays the same for as long as no change can have
   * been missed. Undefined while it is not connected, when a change may not have been heard yet.
   * Something read while this was N is current, until a change to it is heard, as long as this is N.
   */
  continuity(): number | undefined {
    return this.watching ? this.epoch : undefined;
  }

  /** Starts watching; resolves after the first attempt; retries go on in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
    this.started = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.watching = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.request?.abort();
    this.request = undefined;
    await Promise.resolve();
  }

  /** Nothing to wait for: the stream keeps no cache that could be incomplete. */
  hasSynced(): boolean {
    return this.started;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const attempt = ++this.attempt;
    this.attemptStartedAt = Date.now();
    try {
      if (!this.resourceVersion) await this.startAfresh();
      const request = await this.watch.watch(
        this.path,
        {
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          ...(this.labelSelector ? { labelSelector: this.labelSelector } : {}),
        },
        (phase, object: KubernetesObject | undefined) => {
          this.onWatchEvent(phase, object);
        },
        (error: unknown) => {
          this.onWatchEnded(attempt, error);
        },
      );
      if (this.stopped()) {
        request.abort();
        return;
      }
      // The watch may have failed (and ended) before the call returned.
      if (this.endedAttempt !== attempt) {
        this.request = request;
        this.watching = true;
      }
    } catch (error) {
      this.retryLater(error);
    }
  }

  /** The collection's current resourceVersion, from a list of one object: the watch starts there. */
  private async startAfresh(): Promise<void> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig has no current cluster');
    const url = new URL(server + this.path);
    url.searchParams.set('limit', '1');
    if (this.labelSelector) url.searchParams.set('labelSelector', this.labelSelector);
    const list = (await rawGet(this.kubeConfig, url, metadataOnlyList)) as {
      metadata?: { resourceVersion?: string };
    };
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    // Starting for the first time, nothing can have been missed: unless earlier attempts failed
    // while others read what this stream is meant to vouch for.
    const missedNothing = this.epoch === 0 && this.failures === 0;
    this.epoch += 1;
    if (!missedNothing) {
      this.log.info('watch restarted from the current state; changes may have been missed');
      for (const handler of this.resyncHandlers) this.call(() => handler());
    }
  }

  private onWatchEvent(phase: string, object: KubernetesObject | undefined): void {
    if (phase === 'ERROR') {
      // 410 Gone: the version we resume from is too old. The server ends the watch next.
      if ((object as { code?: unknown } | undefined)?.code === 410) this.resourceVersion = '';
      return;
    }
    const metadata = object?.metadata;
    if (metadata?.resourceVersion) this.resourceVersion = metadata.resourceVersion;
    this.failures = 0;
    if (phase === 'BOOKMARK' || !metadata?.name) return;
    const { namespace = '', name } = metadata;
    for (const handler of this.changeHandlers) this.call(() => handler(namespace, name));
  }

  private onWatchEnded(attempt: number, error: unknown): void {
    this.endedAttempt = attempt;
    if (attempt !== this.attempt) return;
    this.watching = false;
    this.request = undefined;
    if (!this.running) return;
    const code = (error as { statusCode?: unknown; code?: unknown } | null)?.statusCode;
    if (code === 410) this.resourceVersion = '';
    // A watch the server closed after a while, or one that was quiet too long: resume at once.
    const lasted = Date.now() - this.attemptStartedAt >= 1000;
    if (lasted && (!error || (error as { name?: unknown }).name === 'TimeoutError')) {
      void this.connect();
      return;
    }
    this.retryLater(error);
  }

  private retryLater(error: unknown): void {
    this.watching = false;
    this.failures += 1;
    if (!this.running || this.retryTimer) return;
    this.onRestart?.(this.name);
    const delayMs = backoffDelayMs(this.failures - 1, 500, 30_000);
    this.log.warn('watch stopped; restarting', {
      error: kubeErrorLogFields(error),
      attempt: this.failures,
      retryInMs: delayMs,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delayMs);
    this.retryTimer.unref();
  }

  /** Read through a method: `running` changes while a connect awaits. */
  private stopped(): boolean {
    return !this.running;
  }

  private call(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.log.error('change stream handler threw', { err: error });
    }
  }
}
