import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoordinationV1Api,
  V1LeaseSpec,
  V1MicroTime,
  type KubeConfig,
  type V1Lease,
} from '@kubernetes/client-node';
import { kubeErrorLogFields, isConflict, isForbidden, isNotFound } from '../kube/index.ts';
import type { Logger } from '../logging/index.ts';

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  /** Unique per process: pod name plus a random suffix. */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /**
   * Out of cluster (`make run`): when this identity may not use the Lease at all (403, or its
   * namespace is missing), `acquire` rejects with LeaseUnavailableError instead of retrying forever,
   * so the caller can run without leader election and say so.
   */
  bestEffort?: boolean;
}

/** The Lease cannot be used by this identity: forbidden by RBAC, or its namespace does not exist. */
export class LeaseUnavailableError extends Error {
  constructor(lease: string, cause: unknown) {
    super(`cannot use the Lease ${lease}`, { cause });
    this.name = 'LeaseUnavailableError';
  }
}

/**
 * Lease-based leader election with client-go's semantics: a lease is expired when its holder has
 * not renewed it for leaseDuration *as observed by our own clock* (so clock skew between replicas
 * does not matter), a leader that cannot renew within renewDeadline steps down, and a leader that
 * shuts down releases the lease so the standby takes over at once instead of after leaseDuration.
 */
export class LeaderElector {
  private readonly api: CoordinationV1Api;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed: { holder: string; renewTime: string; at: number } | undefined;
  /** The holder this standby last said it waits for: one log line per holder, not one per try. */
  private announcedHolder: string | undefined;
  private leading = false;
  private readonly stopController = new AbortController();
  private readonly options: LeaderElectionOptions;
  private readonly log: Logger;

  constructor(kubeConfig: KubeConfig, options: LeaderElectionOptions, log: Logger) {
    this.options = options;
    this.log = log;
    this.api = kubeConfig.makeApiClient(CoordinationV1Api);
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
  }

  isLeader(): boolean {
    return this.leading;
  }

  /**
   * Resolves once this process holds the lease (or rejects when stopped first). While leading, it
   * renews in the background and calls `onLost` if renewal fails for longer than renewDeadline.
   */
  async acquire(onLost: () => void): Promise<void> {
    const signal = this.stopController.signal;
    this.log.info('waiting for leadership', { lease: this.leaseKey(), identity: this.options.identity });
    while (!signal.aborted) {
      if (await this.tryAcquireOrRenew()) {
        this.leading = true;
        this.log.info('became leader', { lease: this.leaseKey(), identity: this.options.identity });
        void this.renewLoop(onLost);
        return;
      }
      await sleep(this.retryPeriodMs, undefined, { signal }).catch(() => undefined);
    }
    throw new Error('leader election stopped before leadership was acquired');
  }

  /** Stops renewing and, if leading, releases the lease for the next replica. */
  async release(): Promise<void> {
    this.stopController.abort();
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.api.readNamespacedLease({
        name: this.options.name,
        namespace: this.options.namespace,
      });
      if (lease.spec?.holderIdentity !== this.options.identity) return;
      // An empty holder (the field omitted on replace) lets the standby acquire at its next try.
      delete lease.spec.holderIdentity;
      lease.spec.leaseDurationSeconds = 1;
      lease.spec.renewTime = new V1MicroTime();
      await this.api.replaceNamespacedLease({
        name: this.options.name,
        namespace: this.options.namespace,
        body: lease,
      });
      this.log.info('released leadership', { lease: this.leaseKey() });
    } catch (error) {
      this.log.warn('could not release the lease; the next leader waits for it to expire', {
        error: kubeErrorLogFields(error),
      });
    }
  }

  private async renewLoop(onLost: () => void): Promise<void> {
    const signal = this.stopController.signal;
    let lastRenewal = Date.now();
    while (!signal.aborted && this.leading) {
      await sleep(this.retryPeriodMs, undefined, { signal }).catch(() => undefined);
      if (this.stopped()) return;
      if (await this.tryAcquireOrRenew()) {
        lastRenewal = Date.now();
      } else if (Date.now() - lastRenewal > this.renewDeadlineMs) {
        this.leading = false;
        this.log.error('lost leadership: could not renew the lease in time', { lease: this.leaseKey() });
        onLost();
        return;
      }
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { name, namespace, identity } = this.options;
    const now = new V1MicroTime();
    const leaseDurationSeconds = Math.ceil(this.leaseDurationMs / 1000);
    let lease: V1Lease;
    try {
      lease = await this.api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if (!isNotFound(error)) {
        this.giveUpIfUnusable(error);
        this.log.warn('could not read the lease', { error: kubeErrorLogFields(error) });
        return false;
      }
      try {
        await this.api.createNamespacedLease({
          namespace,
          body: {
            metadata: { name, namespace },
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds,
              acquireTime: now,
              renewTime: now,
              leaseTransitions: 0,
            },
          },
        });
        return true;
      } catch (createError) {
        this.giveUpIfUnusable(createError);
        if (!isConflict(createError))
          this.log.warn('could not create the lease', { error: kubeErrorLogFields(createError) });
        return false;
      }
    }

    const spec = lease.spec ?? new V1LeaseSpec();
    const holder = spec.holderIdentity ?? '';
    const renewTime = spec.renewTime ? new Date(spec.renewTime).toISOString() : '';
    if (!this.observed || this.observed.holder !== holder || this.observed.renewTime !== renewTime) {
      this.observed = { holder, renewTime, at: Date.now() };
    }
    const heldByOther = holder !== '' && holder !== identity;
    const durationMs = (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    if (heldByOther && this.observed.at + durationMs > Date.now()) {
      this.announceStandby(holder);
      return false;
    }

    if (holder !== identity) {
      spec.acquireTime = now;
      spec.leaseTransitions = (spec.leaseTransitions ?? 0) + 1;
    }
    spec.holderIdentity = identity;
    spec.leaseDurationSeconds = leaseDurationSeconds;
    spec.renewTime = now;
    lease.spec = spec;
    try {
      await this.api.replaceNamespacedLease({ name, namespace, body: lease });
      return true;
    } catch (error) {
      // 409: another replica won the race; we will observe its record on the next round.
      if (!isConflict(error))
        this.log.warn('could not update the lease', { error: kubeErrorLogFields(error) });
      return false;
    }
  }

  private announceStandby(holder: string): void {
    if (this.leading || this.announcedHolder === holder) return;
    this.announcedHolder = holder;
    this.log.info('standing by: another Ferry holds the Lease; this one takes over when it stops', {
      lease: this.leaseKey(),
      holder,
      identity: this.options.identity,
    });
  }

  /** Best effort only: a Lease this identity may never use ends the election instead of looping. */
  private giveUpIfUnusable(error: unknown): void {
    if (this.options.bestEffort && !this.leading && (isForbidden(error) || isNotFound(error)))
      throw new LeaseUnavailableError(this.leaseKey(), error);
  }

  // A method, not `signal.aborted` inline: the compiler would keep its narrowing across awaits.
  private stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private leaseKey(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }
}
