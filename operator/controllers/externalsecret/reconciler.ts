import { isDeepStrictEqual } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ExternalSecret,
  adoptAnnotation,
  conditionReady,
  dataHashAnnotation,
  externalSecretReasons as reasons,
  group,
  ownerLabel,
  schemaProblems,
  templateInputsHashAnnotation,
  version,
  type ClusterSecretStore,
  type SecretStore,
  type SecretStoreRef,
  type SyncAction,
} from '../../api/v1alpha1/index.ts';
import type { Auditor } from '../../audit/index.ts';
import {
  describeKubeError,
  isConflict,
  isNotFound,
  type ClusterClient,
  type SecretMetadata,
  type SupervisedInformer,
} from '../../kube/index.ts';
import { KnownValues, type Logger } from '../../logging/index.ts';
import { AuthError, ProviderError } from '../../providers/index.ts';
import {
  OwnWrites,
  TerminalError,
  storeRefreshGrid,
  type RefreshSchedule,
  type Clock,
  type ReconcileResult,
  type Reconciler,
} from '../../runtime/index.ts';
import {
  StoreBusyError,
  StoreRateLimitedError,
  StoreUnavailableError,
  type BulkheadSlot,
  type StoreClients,
} from '../store-clients/index.ts';
import { budgetRetryMs } from './budget-retry.ts';
import { dataHash, ownerHash } from './data-hash.ts';
import { desiredSecret, finalizersFor, targetSecretName } from './desired-secret.ts';
import { driftToRepair, restoredOutcome } from './drift-repair.ts';
import { handoverPatch, takeoverRefusal } from './eso-adoption.ts';
import { readEntries } from './fetch-data.ts';
import { fieldManager } from './field-manager.ts';
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';
import { KnownSecretVersions, liveTargetOf, type LiveTarget } from './live-target.ts';
import { nextStatus, type SyncOutcome, type UnchangedChecks } from './next-status.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import {
  decideRefresh,
  followsSourceChanges,
  specVersion,
  type RefreshDecision,
} from './refresh-decision.ts';
import { rememberingClient } from './remembering-client.ts';
import { refreshFloorNote, refreshIntervalMs } from './refresh-floor.ts';
import { RemoteValueNotFoundError } from './remote-value-not-found.ts';
import type { RenderSandbox } from './render-sandbox.ts';
import { StoreProblem, resolveStore, type ResolvedStore } from './store-resolution.ts';
import { storeRefsOf } from './store-refs.ts';
import {
  BudgetExceededError,
  createSyncBudget,
  defaultSyncBudgetLimits,
  type SyncBudgetLimits,
} from './sync-budget.ts';
import { StringPool } from './string-pool.ts';
import { syncSteps } from './sync-steps.ts';
import { targetInSync, targetState } from './target-comparison.ts';
import { mergesKeys, ownedByAnother, targetRole } from './target-role.ts';
import { TemplateProblem } from './template-failure.ts';
import { isVolatile, renderedFromSameInputs, templateInputs, templateTexts } from './template-inputs.ts';
import { readTemplateSources, type TemplateSourceReader } from './template-sources.ts';
import { validateSecretData } from './validate-secret.ts';

export interface ExternalSecretReconcilerDeps {
  externalSecrets: SupervisedInformer<KubernetesObject>;
  secretStores: SupervisedInformer<KubernetesObject>;
  /** Undefined with --cluster-stores=false: ClusterSecretStores are neither watched nor served. */
  clusterSecretStores: SupervisedInformer<KubernetesObject> | undefined;
  /** Managed Secrets, metadata only. */
  managedSecrets: SupervisedInformer<SecretMetadata>;
  kube: ClusterClient;
  storeClients: StoreClients;
  auditor: Auditor;
  /** Parsed templates, shared by every ExternalSecret. */
  templates: ParsedTemplates;
  /** Render workers for the steps that run tenant code; without it, every step runs inline. */
  renderSandbox?: RenderSandbox | undefined;
  /** The ConfigMaps and Secrets templateFrom names. */
  templateSources: Pick<TemplateSourceReader, 'read'>;
  /** What one sync's templates, rewrites and regexps may spend (the --budget-* flags); defaults if unset. */
  budgetLimits?: SyncBudgetLimits | undefined;
  /** The key of the data hashes; loaded after start-up, read on every use. */
  hashKey: () => Uint8Array;
  /** Every sync outcome, for metrics. */
  onSync?: ((action: SyncAction) => void) | undefined;
  /** The shortest refresh interval honoured (--min-refresh-interval); a shorter one is raised to it. */
  minRefreshIntervalMs?: number | undefined;
  clock: Clock;
  log: Logger;
}

/** Retry pace for problems that a watched object will fix (a missing store, a missing Merge target). */
const waitForChangeMs = 5 * 60_000;

/**
 * Everything the reconcile reaches for, kept in memory between reconciles of one key. A class with
 * every field set from the start: one object shape for all keys, never a per-object hash table.
 */
class KeyMemory {
  /** The work queue's own key string: every map of this reconciler shares that one copy. */
  readonly key: string;
  lastRefreshAt: number | undefined = undefined;
  pending: UnchangedChecks | undefined = undefined;
  /** Generations of the stores used at the last sync: a changed store is read again at once. */
  storesVersion: string | undefined = undefined;
  /** A ConfigMap or Secret its templateFrom names changed since the last sync. */
  templateSourceChanged = false;
  /**
   * The spec version (see specVersion) whose failure this process last wrote to status. A retry that
   * fails the same way writes nothing; a new spec version — a forced sync among them — writes the
   * failure again (folded into history), so whoever forced it sees an answer.
   */
  failureRecordedFor: string | undefined = undefined;

  constructor(key: string) {
    this.key = key;
  }
}

export class ExternalSecretReconciler implements Reconciler {
  readonly name = 'externalsecret';
  private readonly deps: ExternalSecretReconcilerDeps;
  private readonly memory = new Map<string, KeyMemory>();
  /** Our last status patch per key: its watch event needs no reconcile. */
  private readonly ownStatusWrites = new OwnWrites();
  /** The target Secret version each key last wrote or read, and what it holds. */
  private readonly knownSecrets = new KnownSecretVersions();
  private readonly storesVersions = new StringPool();

  constructor(deps: ExternalSecretReconcilerDeps) {
    this.deps = deps;
  }

  /** True when this Secret version is one the key last wrote or read: not drift, nothing to do. */
  isKnownSecretVersion(key: string, resourceVersion: string | undefined): boolean {
    return this.knownSecrets.isKnown(key, resourceVersion);
  }

  /** A template source this key reads changed: its next reconcile syncs, as for a changed store. */
  templateSourceChanged(key: string): void {
    this.memoryOf(key).templateSourceChanged = true;
  }

  /** True when this object version is the one our own status write produced. */
  isOwnStatusWrite(key: string, resourceVersion: string | undefined): boolean {
    return this.ownStatusWrites.isOwn(key, resourceVersion);
  }

  async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult> {
    const [namespace = '', name = ''] = key.split('/');
    const raw = this.deps.externalSecrets.get(name, namespace);
    if (!raw || raw.metadata?.deletionTimestamp) {
      // Deleted: Owner Secrets go with it through garbage collection; others stay, as ESO does.
      this.memory.delete(key);
      this.ownStatusWrites.forget(key);
      this.knownSecrets.forget(key);
      return {};
    }
    const parsed = ExternalSecret.safeParse(raw);
    if (!parsed.success) {
      const message = schemaProblems(parsed.error);
      await this.writeFailure(
        raw as unknown as ExternalSecret,
        { reason: reasons.invalidSpec, message },
        this.memoryOf(key),
      );
      throw new TerminalError(message);
    }
    const es = parsed.data;
    const memory = this.memoryOf(key);
    const log = this.deps.log.child({ namespace, name });
    const now = this.deps.clock.now();
    const targetName = targetSecretName(es);
    const live = await this.liveTarget(key, namespace, targetName, mergesKeys(es));
    const statusRefresh = es.status?.refreshTime ? Date.parse(es.status.refreshTime) : undefined;
    const lastRefreshAt = Math.max(memory.lastRefreshAt ?? 0, statusRefresh ?? 0) || undefined;
    const ready = es.status?.conditions?.find((condition) => condition.type === conditionReady);
    const stores = this.storesVersion(es);
    const followed = followsSourceChanges(es.spec);
    const storeChanged = followed && memory.storesVersion !== undefined && memory.storesVersion !== stores;
    const templateChanged = followed && memory.templateSourceChanged;
    const decision: RefreshDecision =
      ready?.status === 'False'
        ? { sync: true, why: 'retry' }
        : storeChanged
          ? { sync: true, why: 'store-changed' }
          : templateChanged
            ? { sync: true, why: 'template-changed' }
            : decideRefresh(
                es,
                targetState(live, es),
                lastRefreshAt,
                now,
                refreshScheduleOf(es),
                this.minRefreshIntervalMs,
              );
    if (!decision.sync) {
      return this.lookForUnwatchedTarget(
        es,
        live,
        decision.nextCheckAt === undefined ? {} : { requeueAfterMs: Math.max(0, decision.nextCheckAt - now) },
      );
    }

    memory.templateSourceChanged = false;
    // What this sync fetched and rendered: a failure message is scrubbed of it (describeFailure).
    const known = new KnownValues();
    let outcome: SyncOutcome;
    try {
      const synced = await this.sync(key, es, targetName, live, signal, freshnessNeeded(es, decision), known);
      const drift = driftToRepair(es, decision.why, live, synced.dataHash);
      outcome = this.withRefreshFloorNote(es, drift ? restoredOutcome(synced, drift, targetName) : synced);
    } catch (error) {
      if (error instanceof StoreRateLimitedError) {
        // Paced, not failed: nothing to record; the same run again once the store may be called.
        log.debug('store calls paced', { retryAfterMs: error.retryAfterMs });
        return {
          requeueAfterMs: error.retryAfterMs,
          priority: decision.why === 'refresh-due' ? 'refresh' : 'new',
        };
      }
      if (error instanceof StoreBusyError) {
        // Waiting for a slot of the store's bulkhead, not failed: nothing to record, no worker held.
        log.debug('store busy; waiting for a slot', { retryAfterMs: error.retryAfterMs });
        return {
          requeueAfterMs: error.retryAfterMs,
          priority: decision.why === 'refresh-due' ? 'refresh' : 'new',
          wakeOn: error.slotFree,
        };
      }
      const failure = describeFailure(error, known);
      await this.writeFailure(es, failure, memory);
      // The queue logs what is thrown: the scrubbed message, never the original error's.
      if (error instanceof TerminalError || isSpecMismatch(error)) throw new TerminalError(failure.message);
      if (error instanceof StoreProblem) return { requeueAfterMs: waitForChangeMs };
      if (error instanceof TemplateProblem || error instanceof RemoteValueError) {
        return this.retryAtRefreshPace(es);
      }
      if (error instanceof BudgetExceededError) return { requeueAfterMs: budgetRetryMs(es) };
      // Its store's circuit closing requeues every ExternalSecret of the store (index.ts); this is a fallback.
      if (error instanceof StoreUnavailableError) return this.retryAtRefreshPace(es);
      // A conflict keeps its identity (the queue requeues it at once); the queue logs it by status code.
      if (isConflict(error)) throw error;
      // eslint-disable-next-line preserve-caught-error -- the cause's message may hold a value this sync saw
      throw new Error(failure.message);
    }
    memory.lastRefreshAt = now;
    memory.storesVersion = this.storesVersions.intern(stores);
    this.deps.onSync?.(outcome.action);
    // A refresh that found nothing new writes no status, unless the Ready message lacks what it must say.
    const refreshOnly =
      outcome.action === 'Unchanged' &&
      decision.why === 'refresh-due' &&
      (ready?.message ?? '').endsWith(refreshFloorNote(es.spec, this.minRefreshIntervalMs) ?? '');
    if (!outcome.ready && this.sameFailureRecorded(es, outcome, memory)) {
      // Still the same problem (a Merge target that does not exist yet): status and Events say so already.
      log.debug('still failing the same way', { reason: outcome.reason });
      return this.retryAtRefreshPace(es);
    }
    if (refreshOnly) {
      // Nothing new upstream: no Secret write, no status write; counted for history's next write.
      memory.pending = {
        count: (memory.pending?.count ?? 0) + 1,
        firstAt: memory.pending?.firstAt ?? now,
        lastAt: now,
        dataHash: outcome.dataHash,
      };
      log.debug('refreshed; nothing changed', { dataHash: outcome.dataHash });
    } else {
      await this.writeStatus(es, outcome, memory, true);
    }
    await this.deps.auditor.record({
      regarding: this.reference(es),
      action: outcome.action,
      reason: outcome.reason,
      message: outcome.message,
      dataHash: outcome.dataHash,
      targetSecret: targetName,
      drift: outcome.drift,
    });
    if (!outcome.ready) return this.retryAtRefreshPace(es);
    return this.lookForUnwatchedTarget(es, live, this.nextRefresh(es));
  }

  private async sync(
    key: string,
    es: ExternalSecret,
    targetName: string,
    live: LiveTarget | undefined,
    signal: AbortSignal,
    freshSince: number | undefined,
    known: KnownValues,
  ): Promise<SyncOutcome> {
    const namespace = es.metadata.namespace ?? '';
    // One budget for all the tenant-controlled work of this sync; its clock runs only while that work does.
    const budget = createSyncBudget(this.deps.budgetLimits ?? defaultSyncBudgetLimits);
    const stores = new Map<string, ResolvedStore>();
    const storeFor = async (ref: SecretStoreRef): Promise<ResolvedStore> => {
      const id = `${ref.kind}/${ref.name}`;
      let resolved = stores.get(id);
      if (!resolved) {
        resolved = await resolveStore(ref, namespace, {
          secretStore: (ns, name) => this.deps.secretStores.get(name, ns) as SecretStore | undefined,
          clusterSecretStore: (name) =>
            this.deps.clusterSecretStores?.get(name) as ClusterSecretStore | undefined,
          namespaceLabels: (ns) => this.deps.kube.namespaceLabels(ns),
          clusterSecretStoresDisabled: this.deps.clusterSecretStores === undefined,
        });
        stores.set(id, resolved);
      }
      return resolved;
    };
    // Find name regexps, rewrites and templates run in a render worker when there are some (sync-steps.ts).
    const steps = syncSteps(es.spec, this.deps.templates, this.deps.renderSandbox, signal, budget);
    // One deadline for all of this sync's provider calls (--provider-sync-timeout).
    const storeCalls = this.deps.storeClients.forSync();
    // A slot of each store's bulkhead, held while this sync reads from it (one call at a time).
    const slots = new Map<string, BulkheadSlot>();
    let reads;
    try {
      reads = await readEntries(
        es.spec,
        async (ref) => {
          const { store } = await storeFor(ref);
          const id = `${ref.kind}/${ref.name}`;
          if (!slots.has(id)) slots.set(id, this.deps.storeClients.enter(store, namespace, key));
          const client = await storeCalls.forStore(store);
          return rememberingClient(
            freshSince === undefined ? client : client.readingSince(freshSince),
            known,
          );
        },
        signal,
        steps.selectNames,
        this.deps.budgetLimits?.findBytes ?? defaultSyncBudgetLimits.findBytes,
      );
    } catch (error) {
      // A rejected login is not cached: the next attempt logs in again with fresh credentials.
      if (error instanceof AuthError)
        for (const resolved of stores.values()) this.deps.storeClients.invalidate(resolved.store);
      throw error;
    } finally {
      for (const slot of slots.values()) slot.release();
    }
    const fetched = { data: await steps.assemble(reads) };
    // Decoded values are new bytes (base64 of base64, say): known in that form too.
    known.addAll(fetched.data);
    const { target } = es.spec;
    const type = target.template?.type ?? live?.type ?? 'Opaque';

    if (Object.keys(fetched.data).length === 0) {
      // Nothing to write: the remote secrets are gone, or a find matched none. As ESO: Delete and
      // Merge remove what this ExternalSecret wrote; Retain leaves the Secret as it is.
      if (target.deletionPolicy !== 'Retain') return this.removeData(key, es, targetName, live);
      return {
        action: 'Unchanged',
        ready: true,
        reason: reasons.synced,
        message: `the store returned no data; deletionPolicy Retain leaves Secret "${targetName}" as it is`,
      };
    }
    const { template } = target;
    const sources = await readTemplateSources(
      template?.templateFrom ?? [],
      namespace,
      this.deps.templateSources,
    );
    const owner = ownerHash(namespace, es.metadata.name ?? '');
    const role = targetRole(es, live, owner);
    // Templates that call random or clock functions are rendered only when their inputs change (only
    // for Secrets that are this ExternalSecret's alone, which carry Ferry's annotations).
    const inputsHash =
      template && role === 'owned' && isVolatile(templateTexts(template, sources))
        ? dataHash(this.deps.hashKey(), type, templateInputs(fetched.data, template, sources))
        : undefined;
    if (live && renderedFromSameInputs(live, inputsHash, owner, es)) {
      return {
        dataHash: live.dataHash,
        action: 'Unchanged',
        ready: true,
        reason: reasons.synced,
        message:
          'Secret is in sync (its templates call random or clock functions, so they render only when their inputs change)',
      };
    }
    const rendered = await steps.render({ fetched: fetched.data, template, sources });
    const { data, labels } = rendered;
    known.addAll(data);
    const annotations =
      inputsHash === undefined
        ? rendered.annotations
        : { ...rendered.annotations, [templateInputsHashAnnotation]: inputsHash };
    validateSecretData(data, type);
    const hash = dataHash(this.deps.hashKey(), type, data);
    const base = { dataHash: hash };

    if (target.creationPolicy === 'None') {
      return {
        ...base,
        action: 'Unchanged',
        ready: true,
        reason: reasons.synced,
        message: 'data read; creationPolicy None writes no Secret',
      };
    }
    if (target.creationPolicy === 'Merge' && !live) {
      return {
        ...base,
        action: 'Failed',
        ready: false,
        reason: reasons.missing,
        message: `creationPolicy Merge: Secret "${targetName}" does not exist; create it, or use creationPolicy Owner`,
      };
    }
    let adopted = false;
    if (live && role === 'owned' && live.metadata.labels?.[ownerLabel] !== owner) {
      const refusal = takeoverRefusal(es, targetName, live, hash);
      if (refusal !== undefined) {
        return { ...base, action: 'Failed', ready: false, reason: reasons.syncError, message: refusal };
      }
      // ESO's Secret, handed over: ESO's markers off and its fields ours before the apply below.
      const manager = fieldManager(es);
      await this.deps.kube.patchSecret(
        namespace,
        targetName,
        handoverPatch(live.metadata, manager, owner),
        manager,
      );
      adopted = true;
    }
    if (live && role === 'merged' && ownedByAnother(live, owner)) {
      return {
        ...base,
        action: 'Failed',
        ready: false,
        reason: reasons.syncError,
        message: `Secret "${targetName}" is managed by another ExternalSecret (creationPolicy Owner or Orphan), which would rewrite it at every sync; choose another target.name, or have that ExternalSecret use creationPolicy CreateOrMerge`,
      };
    }
    const finalizers = finalizersFor(es, live);
    if (live && targetInSync({ live, data, labels, annotations, hash, owner, role, es, finalizers })) {
      return {
        ...base,
        action: 'Unchanged',
        ready: true,
        reason: reasons.synced,
        message: 'Secret is in sync',
      };
    }
    if (live?.immutable && live.metadata.annotations?.[dataHashAnnotation] !== hash) {
      return {
        ...base,
        action: 'Failed',
        ready: false,
        reason: reasons.syncError,
        message: `Secret "${targetName}" is immutable and its data changed upstream; delete it so Ferry can recreate it`,
      };
    }
    const body = desiredSecret({
      es,
      name: targetName,
      data,
      labels,
      annotations: rendered.annotations,
      templateInputsHash: inputsHash,
      type,
      hash,
      owner,
      role,
      finalizers,
    });
    const written = await this.deps.kube.applySecret(body, fieldManager(es));
    // Hashed from what the server returned: another field manager's keys may survive our apply.
    this.knownSecrets.remember(key, liveTargetOf(written, this.deps.hashKey()));
    const action = live ? 'Updated' : 'Created';
    return {
      ...base,
      action,
      ready: true,
      reason: reasons.synced,
      message: adopted
        ? `Secret "${targetName}" taken over from External Secrets Operator (${adoptAnnotation})`
        : `Secret "${targetName}" ${action.toLowerCase()}`,
    };
  }

  /** The store has no data for this ExternalSecret any more: apply deletionPolicy Delete or Merge. */
  private async removeData(
    key: string,
    es: ExternalSecret,
    targetName: string,
    live: LiveTarget | undefined,
  ): Promise<SyncOutcome> {
    const namespace = es.metadata.namespace ?? '';
    const owner = ownerHash(namespace, es.metadata.name ?? '');
    const ours = mergesKeys(es) || live?.metadata.labels?.[ownerLabel] === owner;
    if (es.spec.target.deletionPolicy === 'Delete' && live && ours) {
      await this.deps.kube.deleteSecret(namespace, targetName).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    } else if (es.spec.target.deletionPolicy === 'Merge' && live && ours) {
      // Applying no data drops the keys this field manager owned and leaves everyone else's.
      const hash = dataHash(this.deps.hashKey(), live.type, {});
      const written = await this.deps.kube.applySecret(
        desiredSecret({
          es,
          name: targetName,
          data: {},
          labels: {},
          annotations: {},
          type: live.type,
          hash,
          owner,
          role: targetRole(es, live, owner),
          finalizers: finalizersFor(es, live),
        }),
        fieldManager(es),
      );
      this.knownSecrets.remember(key, liveTargetOf(written, this.deps.hashKey()));
    }
    return {
      action: 'Deleted',
      ready: true,
      reason: reasons.deleted,
      message: `the store no longer has this data; deletionPolicy ${es.spec.target.deletionPolicy} applied to Secret "${targetName}"`,
    };
  }

  /**
   * The target as it is now. A managed Secret whose cached metadata still shows the version this key
   * last wrote or read has not changed since: nothing to read. Anything else (someone's edit, the
   * first look after a restart, an unmanaged Merge target) is read, and that version remembered.
   * Merge and CreateOrMerge targets are always read: they are compared key by key, on their data.
   */
  private async liveTarget(
    key: string,
    namespace: string,
    name: string,
    needsData: boolean,
  ): Promise<LiveTarget | undefined> {
    const recalled = needsData
      ? undefined
      : this.knownSecrets.recall(key, this.deps.managedSecrets.get(name, namespace));
    if (recalled) return recalled;
    let live: LiveTarget | undefined;
    try {
      live = liveTargetOf(await this.deps.kube.readSecret(namespace, name), this.deps.hashKey());
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.knownSecrets.remember(key, live);
    return live;
  }

  private memoryOf(key: string): KeyMemory {
    let memory = this.memory.get(key);
    if (!memory) {
      memory = new KeyMemory(key);
      this.memory.set(key, memory);
    }
    return memory;
  }

  private storesVersion(es: ExternalSecret): string {
    const namespace = es.metadata.namespace ?? '';
    const ids = storeRefsOf(es.spec).map((ref) => `${ref.kind ?? ''}/${ref.name ?? ''}`);
    return [...new Set(ids)]
      .map((id) => {
        const [kind, name = ''] = id.split('/');
        const store =
          kind === 'SecretStore'
            ? this.deps.secretStores.get(name, namespace)
            : this.deps.clusterSecretStores?.get(name);
        return `${id}@${store?.metadata?.uid ?? ''}/${String(store?.metadata?.generation ?? '')}`;
      })
      .join(',');
  }

  private async writeFailure(
    es: ExternalSecret,
    failure: { reason: string; message: string },
    memory: KeyMemory,
  ): Promise<void> {
    this.deps.onSync?.('Failed');
    // The same failure again (a retry): status and Events already say so; writing would only churn.
    if (this.sameFailureRecorded(es, failure, memory)) return;
    const outcome: SyncOutcome = { action: 'Failed', ready: false, ...failure };
    await this.writeStatus(es, outcome, memory, false);
    await this.deps.auditor.record({
      regarding: this.reference(es),
      action: 'Failed',
      reason: failure.reason,
      message: failure.message,
    });
  }

  private async writeStatus(
    es: ExternalSecret,
    outcome: SyncOutcome,
    memory: KeyMemory,
    refreshed: boolean,
  ): Promise<void> {
    const now = new Date(this.deps.clock.now()).toISOString();
    const status = nextStatus({
      previous: es.status,
      outcome,
      generation: es.metadata.generation,
      specVersion: specVersion(es.metadata),
      targetName: targetSecretName(es),
      refreshed: refreshed && outcome.action !== 'Failed',
      pending: memory.pending,
      now,
    });
    const failureRecordedFor = outcome.ready ? undefined : specVersion(es.metadata);
    if (isDeepStrictEqual(status, es.status)) {
      memory.failureRecordedFor = failureRecordedFor;
      return;
    }
    const resourceVersion = await this.deps.kube.patchStatus(
      'externalsecrets',
      es.metadata.namespace,
      es.metadata.name ?? '',
      status,
      group,
      version,
    );
    this.ownStatusWrites.remember(memory.key, resourceVersion);
    memory.pending = undefined;
    memory.failureRecordedFor = failureRecordedFor;
  }

  /**
   * A CreateOrMerge target that someone else created carries no label of Ferry's: only the change
   * stream of unlabelled Secrets says it was deleted (index.ts). Look at it at least every 5 minutes
   * too, so that recreating a deleted one never depends on a watch event alone.
   */
  private lookForUnwatchedTarget(
    es: ExternalSecret,
    live: LiveTarget | undefined,
    result: ReconcileResult,
  ): ReconcileResult {
    if (es.spec.target.creationPolicy !== 'CreateOrMerge') return result;
    const owner = ownerHash(es.metadata.namespace ?? '', es.metadata.name ?? '');
    if (targetRole(es, live, owner) !== 'merged') return result;
    return { ...result, requeueAfterMs: Math.min(result.requeueAfterMs ?? waitForChangeMs, waitForChangeMs) };
  }

  /** Not ready for a reason only time may fix (SecretMissing): look again at the refresh pace, at most every 5 minutes. */
  private retryAtRefreshPace(es: ExternalSecret): ReconcileResult {
    const interval = this.nextRefresh(es).requeueAfterMs ?? waitForChangeMs;
    return { requeueAfterMs: Math.min(interval, waitForChangeMs) };
  }

  private sameFailureRecorded(
    es: ExternalSecret,
    failure: { reason: string; message: string },
    memory: KeyMemory,
  ): boolean {
    const ready = es.status?.conditions?.find((condition) => condition.type === conditionReady);
    return (
      memory.failureRecordedFor === specVersion(es.metadata) &&
      ready?.status === 'False' &&
      ready.reason === failure.reason &&
      ready.message === failure.message
    );
  }

  private get minRefreshIntervalMs(): number {
    return this.deps.minRefreshIntervalMs ?? 0;
  }

  /** A successful sync's message, with a word on the operator's floor when it raised the interval. */
  private withRefreshFloorNote(es: ExternalSecret, outcome: SyncOutcome): SyncOutcome {
    const note = refreshFloorNote(es.spec, this.minRefreshIntervalMs);
    return note === undefined || !outcome.ready
      ? outcome
      : { ...outcome, message: `${outcome.message}; ${note}` };
  }

  private nextRefresh(es: ExternalSecret): ReconcileResult {
    if (es.spec.refreshPolicy !== 'Periodic') return {};
    const intervalMs = refreshIntervalMs(es.spec, this.minRefreshIntervalMs);
    if (intervalMs === 0) return {};
    const now = this.deps.clock.now();
    return { requeueAfterMs: Math.max(0, refreshScheduleOf(es)(now, intervalMs) - now) };
  }

  private reference(es: ExternalSecret): {
    apiVersion: string;
    kind: string;
    namespace: string;
    name: string;
    uid: string;
  } {
    return {
      apiVersion: es.apiVersion,
      kind: es.kind,
      namespace: es.metadata.namespace ?? '',
      name: es.metadata.name ?? '',
      uid: es.metadata.uid ?? '',
    };
  }
}

/**
 * The reason and message of a failed sync, as status, the Event, the log and the CLI show it. The
 * one place every failure passes through: whatever a template (`fail`), a function, a provider or
 * the API server wrote into the message, the values this sync saw are scrubbed from it here.
 */
function describeFailure(error: unknown, known: KnownValues): { reason: string; message: string } {
  const { reason, message } = failureOf(error);
  return { reason, message: known.scrub(message) };
}

function failureOf(error: unknown): { reason: string; message: string } {
  if (error instanceof InvalidSpecError || error instanceof RemoteValueError) {
    return { reason: error.reason, message: error.message };
  }
  if (error instanceof StoreProblem) return { reason: error.reason, message: error.message };
  if (error instanceof TemplateProblem) return { reason: error.reason, message: error.message };
  if (error instanceof BudgetExceededError) return { reason: error.reason, message: error.message };
  if (error instanceof RemoteValueNotFoundError) return { reason: error.reason, message: error.message };
  if (error instanceof StoreUnavailableError) return { reason: error.reason, message: error.message };
  if (isSpecMismatch(error)) return { reason: reasons.invalidSpec, message: error.message };
  if (error instanceof ProviderError) return { reason: reasons.providerError, message: error.message };
  return { reason: reasons.syncError, message: describeKubeError(error).message };
}

/**
 * The remote value is there but the spec does not fit it (a property path into a value that is not
 * JSON): the spec must change, so report InvalidSpec and do not retry. (A property it does not have
 * is RemoteValueNotFoundError: someone may yet add it.)
 */
function isSpecMismatch(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.reason === 'InvalidData';
}

/**
 * The ExternalSecrets of one store refresh together (on its refresh grid), so that a remote secret
 * they share is read once per wave. The group is the first store the ExternalSecret names.
 */
function refreshScheduleOf(es: ExternalSecret): RefreshSchedule {
  const [store] = storeRefsOf(es.spec);
  return storeRefreshGrid({
    kind: store?.kind ?? 'SecretStore',
    namespace: es.metadata.namespace ?? '',
    name: store?.name ?? '',
  });
}

/**
 * How fresh the remote data must be for this sync, as the earliest start of a read it may share
 * (undefined: only reads of the last moments). A periodic refresh needs data as fresh as its due
 * time, which the rest of its wave shares; a new ExternalSecret needs data read after it was created
 * — so the ExternalSecrets an operator finds at start-up share one read per remote secret. (A clock
 * skew between the API server and the operator can stretch that by the skew.) Changed specs, forced
 * syncs and repairs read afresh.
 */
function freshnessNeeded(es: ExternalSecret, decision: RefreshDecision): number | undefined {
  if (decision.why === 'refresh-due') return decision.dueAt;
  if (decision.why === 'never-synced' && es.metadata.creationTimestamp !== undefined) {
    const created = new Date(es.metadata.creationTimestamp).getTime();
    return Number.isNaN(created) ? undefined : created;
  }
  return undefined;
}
