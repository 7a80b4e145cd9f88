import { isDeepStrictEqual } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ClusterSecretStore,
  SecretStore,
  conditionReady,
  group,
  schemaProblems,
  secretStoreReasons as reasons,
  version,
  type SecretStoreStatus,
} from '../../api/v1alpha1/index.ts';
import { kubeErrorLogFields, type ClusterClient, type SupervisedInformer } from '../../kube/index.ts';
import type { Logger } from '../../logging/index.ts';
import { InvalidConfigError, type Capabilities } from '../../providers/index.ts';
import {
  OwnWrites,
  TerminalError,
  refreshJitterMs,
  type Clock,
  type ReconcileResult,
  type Reconciler,
} from '../../runtime/index.ts';
import { OperatorIdentityRefusedError, type AnyStore, type StoreClients } from '../store-clients/index.ts';
import { parseStoreKey } from './store-key.ts';
import {
  failureVerdict,
  nextStoreStatus,
  verdictChanged,
  verdictOf,
  type StoreVerdict,
} from './store-status.ts';

export interface SecretStoreReconcilerDeps {
  secretStores: SupervisedInformer<KubernetesObject>;
  /** Undefined with --cluster-stores=false. */
  clusterSecretStores: SupervisedInformer<KubernetesObject> | undefined;
  kube: ClusterClient;
  storeClients: StoreClients;
  /** --min-refresh-interval: a shorter spec.refreshInterval is raised to it. */
  minRefreshIntervalMs?: number | undefined;
  clock: Clock;
  log: Logger;
}

/** Revalidation pace of a store without spec.refreshInterval (ESO's controller default). */
export const defaultRevalidateMs = 5 * 60_000;

const reportingController = 'ferry.dev/secretstore-controller';

/** A store that was unavailable and answers again says so, in the Event of its return. */
function recovered(store: AnyStore, verdict: StoreVerdict): StoreVerdict {
  const ready = store.status?.conditions?.find((condition) => condition.type === conditionReady);
  if (!verdict.ready || ready?.reason !== reasons.providerUnavailable) return verdict;
  return { ...verdict, message: `the store answers again; ${verdict.message}` };
}

/** What one validation found; `error` is what the queue retries on, `terminal` says it must not. */
interface Validation {
  verdict: StoreVerdict;
  capabilities: Capabilities | undefined;
  terminal: boolean;
  error?: unknown;
}

/**
 * When to validate the store again: spec.refreshInterval seconds (0 or absent: the default), at least
 * the operator's floor (--min-refresh-interval), plus per-store jitter.
 */
export function revalidateAfterMs(
  key: string,
  refreshIntervalSeconds: number | undefined,
  minIntervalMs = 0,
): number {
  const asked = refreshIntervalSeconds ? refreshIntervalSeconds * 1000 : defaultRevalidateMs;
  const intervalMs = Math.max(asked, minIntervalMs);
  return intervalMs + refreshJitterMs(key, intervalMs);
}

/**
 * Validates SecretStores and ClusterSecretStores — the provider block, the credentials, then
 * `SecretsClient.validate` — and reports the outcome as the Ready condition, which the
 * ExternalSecret controller reads (StoreNotReady) and watches (a store turning Ready re-syncs its
 * ExternalSecrets). The client built here is the cached one the ExternalSecrets then use.
 */
export class SecretStoreReconciler implements Reconciler {
  readonly name = 'secretstore';
  private readonly deps: SecretStoreReconcilerDeps;
  /** Our last status patch per key: its watch event needs no reconcile. */
  private readonly ownStatusWrites = new OwnWrites();

  constructor(deps: SecretStoreReconcilerDeps) {
    this.deps = deps;
  }

  /** True when this object version is the one our own status write produced. */
  isOwnStatusWrite(key: string, resourceVersion: string | undefined): boolean {
    return this.ownStatusWrites.isOwn(key, resourceVersion);
  }

  async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult> {
    const { kind, namespace, name } = parseStoreKey(key);
    const raw =
      kind === 'SecretStore'
        ? this.deps.secretStores.get(name, namespace)
        : this.deps.clusterSecretStores?.get(name);
    if (!raw || raw.metadata?.deletionTimestamp) {
      this.ownStatusWrites.forget(key);
      if (!raw) this.deps.storeClients.forgetStore(kind, namespace, name);
      return {};
    }
    const parsed = (kind === 'SecretStore' ? SecretStore : ClusterSecretStore).safeParse(raw);
    if (!parsed.success) {
      const message = schemaProblems(parsed.error);
      const verdict = { ready: false, reason: reasons.invalidProviderConfig, message };
      await this.writeStatus(key, raw as unknown as AnyStore, { verdict, capabilities: undefined });
      throw new TerminalError(message);
    }
    const store = parsed.data;
    const validation = await this.validate(store, signal);
    await this.writeStatus(key, store, validation);
    const { verdict } = validation;
    if (validation.terminal) throw new TerminalError(verdict.message);
    // Not ready, but fixable without touching the store (a credential Secret created, RBAC
    // granted, the store back up): retried with the queue's backoff.
    if (!verdict.ready) throw new Error(verdict.message, { cause: validation.error });
    return {
      requeueAfterMs: revalidateAfterMs(key, store.spec.refreshInterval, this.deps.minRefreshIntervalMs),
    };
  }

  private async validate(store: AnyStore, signal: AbortSignal): Promise<Validation> {
    let provider;
    try {
      ({ provider } = this.deps.storeClients.providerOf(store));
    } catch (error) {
      // The provider block itself is wrong: nothing but an edit of the store can fix it.
      if (!(error instanceof InvalidConfigError)) throw error;
      return { verdict: failureVerdict(error), capabilities: undefined, terminal: true, error };
    }
    const { capabilities } = provider;
    // While its circuit is open the store is probed in the background: no second call here.
    const paused = this.deps.storeClients.openCircuitMessage(store);
    if (paused !== undefined) {
      const verdict = { ready: false, reason: reasons.providerUnavailable, message: paused };
      return { verdict, capabilities, terminal: false };
    }
    try {
      const client = await this.deps.storeClients.forStore(store);
      const verdict = recovered(store, verdictOf(await client.validate(signal), provider.name));
      if (!verdict.ready) this.deps.storeClients.invalidate(store);
      return { verdict, capabilities, terminal: false };
    } catch (error) {
      if (signal.aborted) throw error;
      // The retry logs in afresh, with credentials read again.
      this.deps.storeClients.invalidate(store);
      // Only an edit of the store (or a restart with the flag) lifts this refusal: no retries.
      const terminal = error instanceof OperatorIdentityRefusedError;
      return { verdict: failureVerdict(error), capabilities, terminal, error };
    }
  }

  private async writeStatus(
    key: string,
    store: AnyStore,
    validation: Pick<Validation, 'verdict' | 'capabilities'>,
  ): Promise<void> {
    const { verdict } = validation;
    const previous: SecretStoreStatus | undefined = store.status;
    const status = nextStoreStatus({
      previous,
      verdict,
      capabilities: validation.capabilities,
      generation: store.metadata.generation,
      now: new Date(this.deps.clock.now()).toISOString(),
    });
    if (isDeepStrictEqual(status, previous)) return;
    const namespaced = store.kind === 'SecretStore';
    const resourceVersion = await this.deps.kube.patchStatus(
      namespaced ? 'secretstores' : 'clustersecretstores',
      namespaced ? store.metadata.namespace : undefined,
      store.metadata.name ?? '',
      // A merge patch keeps what it does not mention: null drops capabilities no longer known.
      { ...status, capabilities: status.capabilities ?? null },
      group,
      version,
    );
    if (resourceVersion !== undefined) this.ownStatusWrites.remember(key, resourceVersion);
    if (verdictChanged(previous, verdict)) await this.report(store, verdict);
  }

  /** A log line and an Event when the verdict changes; repeats of the same verdict stay quiet. */
  private async report(store: AnyStore, verdict: StoreVerdict): Promise<void> {
    const fields = {
      kind: store.kind,
      ...(store.metadata.namespace ? { namespace: store.metadata.namespace } : {}),
      name: store.metadata.name,
      reason: verdict.reason,
      message: verdict.message,
    };
    if (verdict.ready) this.deps.log.info('store validated', fields);
    else this.deps.log.warn('store not ready', fields);
    try {
      await this.deps.kube.recordEvent(
        {
          regarding: {
            apiVersion: store.apiVersion,
            kind: store.kind,
            namespace: store.metadata.namespace ?? '',
            name: store.metadata.name ?? '',
            uid: store.metadata.uid ?? '',
          },
          type: verdict.ready ? 'Normal' : 'Warning',
          reason: verdict.reason,
          action: 'Validate',
          note: verdict.message,
        },
        reportingController,
      );
    } catch (error) {
      this.deps.log.warn('could not record an Event', { error: kubeErrorLogFields(error) });
    }
  }
}
