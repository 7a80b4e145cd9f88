import {
  ADD,
  DELETE,
  ERROR,
  ListWatch,
  UPDATE,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Logger } from '../logging/index.ts';
import { backoffDelayMs } from './backoff.ts';
import { kubeErrorLogFields } from './errors.ts';
import { listInPages } from './list-pages.ts';
import { metadataOnlyList, metadataOnlyObject, withAcceptHeader } from './raw-get.ts';

export type InformerEvent = 'add' | 'update' | 'delete';

/**
 * managedFields (server-side apply bookkeeping) is often the largest part of an object and nothing
 * in Ferry reads it from the cache; dropping it keeps the caches' memory proportional to the data.
 * The metadata is copied rather than `delete`d from: deleting a property turns a V8 object into a
 * hash table of its own, ~400 bytes more per cached object (8 MiB at 10000 ExternalSecrets).
 */
function withoutManagedFields<T extends KubernetesObject>(object: T): T {
  if (object.metadata && 'managedFields' in object.metadata) {
    const { managedFields: _dropped, ...metadata } = object.metadata;
    object.metadata = metadata;
  }
  return object;
}

/**
 * client-node's Watch, with managedFields dropped from every object and, for metadata-only
 * informers, the Accept header that asks for PartialObjectMetadata. The header is set through the
 * one hook Watch offers: the KubeConfig's applySecurityAuthentication, which runs per request.
 */
class TrimmingWatch extends Watch {
  constructor(kubeConfig: KubeConfig, accept: string | undefined) {
    super(accept === undefined ? kubeConfig : withAcceptHeader(kubeConfig, accept));
  }

  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    return super.watch(
      path,
      queryParams,
      (phase, apiObj: KubernetesObject | undefined, watchObj) => {
        callback(
          phase,
          apiObj && typeof apiObj === 'object' ? withoutManagedFields(apiObj) : apiObj,
          watchObj,
        );
      },
      done,
    );
  }
}

export interface InformerSpec {
  /** Name for logs and readiness, e.g. `managed-secrets`. */
  name: string;
  /** Collection path without query, e.g. `/api/v1/secrets` or `/api/v1/namespaces/ns/secrets`. */
  path: string;
  labelSelector?: string;
  /**
   * Cache object metadata only (PartialObjectMetadata): for collections where events matter but
   * contents are read on demand, such as the Secrets Ferry writes.
   */
  metadataOnly?: boolean;
  /** Objects per list page (default 500). */
  pageSize?: number;
  /** Called on every restart after an error (metrics). */
  onRestart?: (informer: string) => void;
}

/**
 * client-node's informer stops for good on most errors, and its `start()` resolves even when the
 * first list failed. This wrapper restarts it with backoff for as long as it is running, and
 * reports synced only after a list has succeeded, so readiness and reconciles never act on an
 * empty cache that merely looks empty.
 */
export class SupervisedInformer<T extends KubernetesObject> {
  readonly name: string;
  private readonly informer;
  private readonly log: Logger;
  private readonly handlers: ((event: InformerEvent, object: T) => void)[] = [];
  private running = false;
  private synced = false;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private readonly onRestart: ((informer: string) => void) | undefined;

  constructor(kubeConfig: KubeConfig, spec: InformerSpec, log: Logger) {
    this.name = spec.name;
    this.onRestart = spec.onRestart;
    this.log = log.child({ informer: spec.name });
    // client-node's makeInformer, listing in pages and dropping managedFields before objects reach
    // the cache.
    const list = (): Promise<KubernetesListObject<T>> =>
      listInPages<T>(kubeConfig, spec.path, {
        accept: spec.metadataOnly ? metadataOnlyList : 'application/json',
        labelSelector: spec.labelSelector,
        ...(spec.pageSize ? { pageSize: spec.pageSize } : {}),
        eachItem: withoutManagedFields,
      });
    this.informer = new ListWatch<T>(
      spec.path,
      new TrimmingWatch(kubeConfig, spec.metadataOnly ? metadataOnlyObject : undefined),
      list,
      false,
      spec.labelSelector,
    );
    this.informer.on(ADD, (object) => this.emit('add', object));
    this.informer.on(UPDATE, (object) => this.emit('update', object));
    this.informer.on(DELETE, (object) => this.emit('delete', object));
    this.informer.on(ERROR, (error: unknown) => this.onError(error));
  }

  /** Registers an event handler. Handlers should only enqueue keys: level-based reconcile. */
  onEvent(handler: (event: InformerEvent, object: T) => void): void {
    this.handlers.push(handler);
  }

  /** Starts watching; resolves after the first attempt (synced or not); retries go on in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.attempt?.catch(() => undefined);
    await this.informer.stop();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  get(name: string, namespace?: string): T | undefined {
    return this.informer.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.informer.list(namespace);
  }

  private async run(): Promise<void> {
    const failuresBefore = this.failures;
    this.attempt = this.informer.start();
    try {
      await this.attempt;
    } catch (error) {
      this.onError(error);
      return;
    }
    // An ERROR callback during start() means the list failed: start() resolved anyway.
    if (this.running && this.failures === failuresBefore) {
      if (!this.synced) this.log.info('informer synced', { objects: this.informer.list().length });
      this.synced = true;
      this.failures = 0;
    }
  }

  private onError(error: unknown): void {
    this.failures += 1;
    if (!this.running) return;
    this.onRestart?.(this.name);
    const delayMs = backoffDelayMs(this.failures - 1, 500, 30_000);
    this.log.warn('informer stopped; restarting', {
      error: kubeErrorLogFields(error),
      attempt: this.failures,
      retryInMs: delayMs,
    });
    if (this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.running) void this.run();
    }, delayMs);
    this.restartTimer.unref();
  }

  private emit(event: InformerEvent, object: T): void {
    for (const handler of this.handlers) {
      try {
        handler(event, object);
      } catch (error) {
        this.log.error('informer event handler threw', { err: error });
      }
    }
  }
}
