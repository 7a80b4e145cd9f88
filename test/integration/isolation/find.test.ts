// Issue #14, dataFrom.find: a kubernetes-provider find whose name regexp matches nothing, over a
// namespace of 110 Secrets of ~0.87 MB each, so that every byte must be loaded to learn that. It
// runs beside 50 ordinary ExternalSecrets of another namespace, against one real operator process
// (test/support/tenant-isolation.ts checks the rest).
import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { externalSecretReasons } from '../../../operator/api/v1alpha1/index.ts';
import { plantedValue } from '../../support/planted-values.ts';
import { expectFailsAlone, useIsolationHarness, type TenantContext } from '../../support/tenant-isolation.ts';
import { readExternalSecret, readyCondition } from '../../support/waiting.ts';
import { expectNoSecretWritten, plantAdmittedExternalSecret } from './hostile-objects.ts';

const sourceSecrets = 110;
const sourceSecretBytes = 870_000;

/** `count` Secrets of about `bytes` each in a namespace of their own, each holding `marker`. */
async function createBulkySource(
  kubeConfig: KubeConfig,
  count: number,
  bytes: number,
  marker: string,
): Promise<string> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const namespace = 'bulky-source';
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const filler = 'x'.repeat(bytes - marker.length);
  const names = Array.from({ length: count }, (_, index) => `bulky-${index}`);
  // A few at a time: each request carries over a megabyte of base64.
  for (let start = 0; start < names.length; start += 4) {
    await Promise.all(
      names.slice(start, start + 4).map((name) =>
        core.createNamespacedSecret({
          namespace,
          body: { metadata: { name }, data: { value: Buffer.from(marker + filler).toString('base64') } },
        }),
      ),
    );
  }
  return namespace;
}

/** A ServiceAccount of `tenant` that may get and list the Secrets of `source`. */
async function grantSourceReader(
  kubeConfig: KubeConfig,
  tenant: string,
  source: string,
  name: string,
): Promise<void> {
  await kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccount({ namespace: tenant, body: { metadata: { name } } });
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const roleName = `${tenant}-${name}`;
  await rbac.createNamespacedRole({
    namespace: source,
    body: {
      metadata: { name: roleName },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: source,
    body: {
      metadata: { name: roleName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
      subjects: [{ kind: 'ServiceAccount', name, namespace: tenant }],
    },
  });
}

describe('tenant isolation: dataFrom.find (issue #14)', () => {
  const harness = useIsolationHarness('isolation-find');
  let source: string;
  const sourceMarker = plantedValue('bulky');

  beforeAll(async () => {
    source = await createBulkySource(harness().kubeConfig, sourceSecrets, sourceSecretBytes, sourceMarker);
  });

  // Names and labels are listed first and only matches are read: a find that matches none loads
  // nothing and is simply Ready with no data; one that matches them all stops at --budget-find-mib.
  it('c: a find over 110 Secrets of 0.87 MB loads only what matches, and what matches too much fails alone with BudgetExceeded (find)', async () => {
    await harness().run({
      async plant(ctx) {
        ctx.watchFor(sourceMarker);
        await grantSourceReader(ctx.kubeConfig, ctx.tenant, source, 'finder');
        expect(
          await ctx.apply({
            apiVersion: 'ferry.dev/v1alpha1',
            kind: 'SecretStore',
            metadata: { name: 'bulky', namespace: ctx.tenant },
            spec: {
              provider: {
                kubernetes: {
                  remoteNamespace: source,
                  server: { url: ctx.apiServer.url, caBundle: ctx.apiServer.caData },
                  auth: { serviceAccount: { name: 'finder' } },
                },
              },
            },
          }),
        ).toEqual({ admitted: true });
        await plantAdmittedExternalSecret(ctx, 'find-nothing', {
          secretStoreRef: { name: 'bulky' },
          dataFrom: [{ find: { name: { regexp: '^matches-nothing$' } } }],
        });
        await plantAdmittedExternalSecret(ctx, 'find-everything', {
          secretStoreRef: { name: 'bulky' },
          dataFrom: [{ find: { name: { regexp: '.' } } }],
        });
      },
      async verify(ctx) {
        await expectReadyWithNoData(ctx, 'find-nothing');
        await expectNoSecretWritten(ctx, 'find-nothing');
        await expectFailsAlone(
          ctx,
          'find-everything',
          [externalSecretReasons.budgetExceeded],
          '--budget-find-mib',
        );
        await expectNoSecretWritten(ctx, 'find-everything');
      },
    });
  });
});

/** Ready, with the message of a find that matched nothing (deletionPolicy Retain writes no Secret). */
async function expectReadyWithNoData(ctx: TenantContext, name: string): Promise<void> {
  let ready: ReturnType<typeof readyCondition>;
  for (;;) {
    ready = readyCondition(await readExternalSecret(ctx.kubeConfig, ctx.tenant, name));
    if (ready?.status === 'True' || performance.now() > ctx.verifyDeadline || ctx.operatorGone()) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect.soft(ready, `Ready condition of ${name}`).toMatchObject({
    status: 'True',
    message: expect.stringContaining('the store returned no data') as unknown,
  });
}
