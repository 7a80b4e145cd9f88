// Issue #14, what a tenant writes into a spec rather than a template: a refresh interval or sync
// window that would spin the operator, duplicate keys, labels that forge Ferry's ownership markers,
// and ClusterSecretStore selectors that name Object.prototype's properties. Each runs beside 50
// ordinary ExternalSecrets of another namespace, against one real operator process
// (test/support/tenant-isolation.ts checks the rest).
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { externalSecretReasons, ownerLabel, managedLabel } from '../../../operator/api/v1alpha1/index.ts';
import { decoded, readExternalSecret, readSecret, readyCondition } from '../../support/waiting.ts';
import { expectFailsAlone, type TenantContext, useIsolationHarness } from '../../support/tenant-isolation.ts';
import {
  expectNoSecretWritten,
  expectRefused,
  plantExternalSecret,
  plantFakeStore,
} from './hostile-objects.ts';

const seedData = [{ secretKey: 'seed', remoteRef: { key: 'seed' } }];

async function seededStore(ctx: TenantContext): Promise<void> {
  await plantFakeStore(ctx, [{ key: 'seed', value: ctx.plant('seed') }]);
}

const ferryGroup = { group: 'ferry.dev', version: 'v1alpha1' };

/** Waits until the operator has dealt with the ExternalSecret's current spec (its Ready condition says so). */
async function settled(ctx: TenantContext, name: string, timeoutMs = 20_000): Promise<void> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    const es = await readExternalSecret(ctx.kubeConfig, ctx.tenant, name);
    const observed = (es.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
    if (readyCondition(es) && observed >= es.metadata.generation) return;
    await sleep(500);
  }
}

/** The owner label on a Secret Ferry wrote: what a tenant can read off any Secret of its own. */
async function ownerLabelOf(ctx: TenantContext, secretName: string, timeoutMs = 20_000): Promise<string> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    const label = (await readSecret(ctx.kubeConfig, ctx.tenant, secretName))?.metadata?.labels?.[ownerLabel];
    if (label !== undefined) return label;
    await sleep(500);
  }
  throw new Error(`Ferry wrote no Secret "${secretName}" with an owner label within ${timeoutMs} ms`);
}

/** Waits (up to `timeoutMs`) until the tenant's Secret `name` is gone; whether it went. */
async function secretGone(ctx: TenantContext, name: string, timeoutMs: number): Promise<boolean> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    if ((await readSecret(ctx.kubeConfig, ctx.tenant, name)) === undefined) return true;
    await sleep(1_000);
  }
  return false;
}

describe('tenant isolation: spec rules (issue #14)', () => {
  const harness = useIsolationHarness('isolation-spec');

  it('h: refreshInterval 1ms is refused at admission, naming the floor of 1s', async () => {
    await harness().run({
      async plant(ctx) {
        await seededStore(ctx);
        const admission = await plantExternalSecret(ctx, 'hot-refresh', {
          refreshInterval: '1ms',
          data: seedData,
        });
        expectRefused(admission, 'refreshInterval "1ms"', ['refreshInterval', '1s']);
      },
      async verify() {},
    });
  });

  it('l: duplicate data[].secretKey and syncWindows "@every 1ns" are refused at admission', async () => {
    await harness().run({
      async plant(ctx) {
        await plantFakeStore(ctx, [
          { key: 'seed', value: ctx.plant('seed') },
          { key: 'other', value: ctx.plant('other') },
        ]);
        const duplicate = await plantExternalSecret(ctx, 'duplicate-keys', {
          data: [
            { secretKey: 'dup', remoteRef: { key: 'seed' } },
            { secretKey: 'dup', remoteRef: { key: 'other' } },
          ],
        });
        expectRefused(duplicate, 'two data entries with secretKey "dup"', ['secretKey']);
        const everyNanosecond = await plantExternalSecret(ctx, 'every-nanosecond', {
          data: seedData,
          syncWindows: { kind: 'allow', windows: [{ schedule: '@every 1ns', duration: '1h' }] },
        });
        expectRefused(everyNanosecond, 'syncWindows schedule "@every 1ns"', ['schedule']);
      },
      async verify() {},
    });
  });

  it('j: ClusterSecretStore selectors on constructor or toString admit no namespace without the label', async () => {
    const selectors = {
      constructor: { matchLabels: { constructor: 'x' } },
      tostring: { matchExpressions: [{ key: 'toString', operator: 'Exists' }] },
    };
    await harness().run({
      async plant(ctx) {
        const value = ctx.plant('cluster-store');
        for (const [label, namespaceSelector] of Object.entries(selectors)) {
          const store = {
            apiVersion: 'ferry.dev/v1alpha1',
            kind: 'ClusterSecretStore',
            metadata: { name: `${ctx.tenant}-${label}` },
            spec: {
              provider: { fake: { data: [{ key: 'seed', value }] } },
              conditions: [{ namespaceSelector }],
            },
          };
          expect(await ctx.apply(store)).toEqual({ admitted: true });
          ctx.deleteAfterwards(store);
          expect(
            await plantExternalSecret(ctx, `via-${label}`, {
              secretStoreRef: { kind: 'ClusterSecretStore', name: store.metadata.name },
              data: seedData,
            }),
          ).toEqual({ admitted: true });
        }
      },
      async verify(ctx) {
        for (const label of Object.keys(selectors)) {
          await expectFailsAlone(ctx, `via-${label}`, [externalSecretReasons.storeNotAllowed]);
          await expectNoSecretWritten(ctx, `via-${label}`);
        }
      },
    });
  });

  it(
    "i: forged ownership labels cannot get an admin's Secret deleted with an Owner ExternalSecret",
    // The garbage collector may first have to discover the ExternalSecret resource (its discovery
    // resyncs every 30 s), so this scenario waits for it longer than the others.
    { timeout: 200_000 },
    async () => {
      let adminPassword = '';
      await harness().run({
        async plant(ctx) {
          await seededStore(ctx);
          adminPassword = ctx.plant('admin');
          await ctx.kubeConfig.makeApiClient(CoreV1Api).createNamespacedSecret({
            namespace: ctx.tenant,
            body: { metadata: { name: 'admin-db' }, stringData: { password: adminPassword } },
          });
          // The tenant's ExternalSecret "owner" first writes a Secret of its own, which tells the
          // tenant the value of Ferry's owner label for "owner".
          expect(
            await plantExternalSecret(ctx, 'owner', {
              data: seedData,
              target: { name: 'owner-scratch', creationPolicy: 'Owner' },
            }),
          ).toEqual({ admitted: true });
          const ownedBy = await ownerLabelOf(ctx, 'owner-scratch');
          // The spoof: a Merge into the admin's Secret whose template stamps Ferry's markers naming
          // "owner" as its owner. Refusing it at admission is one way to fix this.
          const spoof = await plantExternalSecret(ctx, 'spoof', {
            data: seedData,
            target: {
              name: 'admin-db',
              creationPolicy: 'Merge',
              template: {
                mergePolicy: 'Merge',
                metadata: { labels: { [managedLabel]: 'true', [ownerLabel]: ownedBy } },
              },
            },
          });
          if (spoof.admitted) await settled(ctx, 'spoof');
          // Then "owner" claims the admin's Secret.
          await ctx.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
            {
              ...ferryGroup,
              namespace: ctx.tenant,
              plural: 'externalsecrets',
              name: 'owner',
              body: { spec: { target: { name: 'admin-db' } } },
            },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          );
          await settled(ctx, 'owner');
          // "witness" owns a Secret of its own, to show that the garbage collector did run by the
          // time the admin's Secret is judged.
          expect(
            await plantExternalSecret(ctx, 'witness', {
              data: seedData,
              target: { name: 'witness', creationPolicy: 'Owner' },
            }),
          ).toEqual({ admitted: true });
          await settled(ctx, 'witness');
        },
        async verify(ctx) {
          const adminSecret = await readSecret(ctx.kubeConfig, ctx.tenant, 'admin-db');
          expect
            .soft(adminSecret?.metadata?.ownerReferences ?? [], "ownerReferences of the admin's Secret")
            .toEqual([]);
          expect
            .soft(await readSecret(ctx.kubeConfig, ctx.tenant, 'witness'), 'the witness Secret')
            .toBeDefined();
          const custom = ctx.kubeConfig.makeApiClient(CustomObjectsApi);
          for (const name of ['owner', 'witness']) {
            await custom.deleteNamespacedCustomObject({
              ...ferryGroup,
              namespace: ctx.tenant,
              plural: 'externalsecrets',
              name,
            });
          }
          const collected = await secretGone(ctx, 'witness', 150_000);
          expect
            .soft(collected, 'the garbage collector removed the Secret of the deleted witness')
            .toBe(true);
          const survivor = await readSecret(ctx.kubeConfig, ctx.tenant, 'admin-db');
          expect
            .soft(
              decoded(survivor)['password'] === adminPassword,
              "the admin's Secret survives deleting the Owner ExternalSecret, with its password",
            )
            .toBe(true);
          const spoof = await readExternalSecret(ctx.kubeConfig, ctx.tenant, 'spoof').catch(() => undefined);
          if (spoof) {
            expect.soft(readyCondition(spoof)?.status, 'the spoofing ExternalSecret must fail').toBe('False');
          }
        },
      });
    },
  );
});
