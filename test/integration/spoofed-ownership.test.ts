// Ferry's markers decide which ExternalSecret owns a Secret. If a template could write them, anyone
// allowed to create ExternalSecrets could make another one adopt a Secret that is not Ferry's and
// have the garbage collector delete it: a Merge ExternalSecret labels the admin's Secret as owned by
// a second ExternalSecret (the owner hash is namespace/name, anyone can compute it), the second one
// (creationPolicy Owner) then takes it over with an ownerReference, and its deletion takes the
// Secret with it.
import { createHash } from 'node:crypto';
import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

const planted = ['spoof-remote-value'];
const adminValue = 'admin-owned-value';

describe('ownership markers cannot be spoofed by a template (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let operator: OperatorProcess;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'spoof');
    operator = await startNamespacedOperator(namespace);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, [...planted, adminValue]);
    await deleteNamespace(admin, namespace);
  });

  it('the admin’s Secret survives the deletion of an Owner ExternalSecret that a Merge one tried to make its owner', async () => {
    await core.createNamespacedSecret({
      namespace,
      body: {
        metadata: { name: 'payroll', namespace, labels: { team: 'finance' } },
        stringData: { salary: adminValue },
      },
    });
    const adopterOwner = createHash('sha256').update(`${namespace}/adopter`).digest('hex').slice(0, 40);
    const forgedLabels = { 'ferry.dev/managed': 'true', 'ferry.dev/owner': adopterOwner };
    const mergeInto = (template: Record<string, unknown>) => ({
      secretStoreRef: { name: 'fake' },
      target: { name: 'payroll', creationPolicy: 'Merge', template: { mergePolicy: 'Merge', ...template } },
      data: [{ secretKey: 'extra', remoteRef: { key: 'k' } }],
    });
    await applyObjects(admin, [fakeStoreObject(namespace, 'fake', [{ key: 'k', value: planted[0] ?? '' }])]);

    // Written in template.metadata: refused at admission.
    const rejection = await objects
      .create(
        externalSecretObject(namespace, 'spoof-inline', mergeInto({ metadata: { labels: forgedLabels } })),
      )
      .then(
        () => undefined,
        (error: unknown) =>
          (JSON.parse(String((error as { body?: unknown }).body)) as { message: string }).message,
      );
    expect(rejection).toContain(
      'spec.target.template.metadata.labels: Invalid value: template.metadata.labels may not set keys under ferry.dev/',
    );

    // Rendered by templateFrom, where admission cannot see the keys: refused when rendered.
    const literal = Object.entries(forgedLabels)
      .map(([key, value]) => `${key}: "${value}"`)
      .join('\n');
    await applyObjects(admin, [
      externalSecretObject(namespace, 'spoof', mergeInto({ templateFrom: [{ target: 'Labels', literal }] })),
    ]);
    const spoof = await waitForReason(admin, namespace, 'spoof', 'TemplateError');
    expect(readyCondition(spoof)?.message).toBe(
      'spec.target.template.templateFrom[0].literal: the label key the template rendered is under ferry.dev/, which Ferry reserves for its own markers (they decide the ExternalSecret that owns a Secret); use another prefix',
    );

    await applyObjects(admin, [
      externalSecretObject(namespace, 'adopter', {
        secretStoreRef: { name: 'fake' },
        target: { name: 'payroll', creationPolicy: 'Owner' },
        data: [{ secretKey: 'salary', remoteRef: { key: 'k' } }],
      }),
    ]);
    const adopter = await waitForReason(admin, namespace, 'adopter', 'SecretSyncedError');
    expect(readyCondition(adopter)?.message).toContain(
      'Secret "payroll" already exists and is not managed by this ExternalSecret',
    );

    // Foreground deletion: the ExternalSecret is gone only once the garbage collector has deleted
    // what it owns, so the Secret's fate is settled when it is.
    await custom.deleteNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      plural: 'externalsecrets',
      namespace,
      name: 'adopter',
      propagationPolicy: 'Foreground',
    });
    await vi.waitFor(async () => {
      const left = (await custom.listNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
      })) as { items: { metadata: { name: string } }[] };
      const names = left.items.map((es) => es.metadata.name);
      expect(names).not.toContain('adopter');
    }, eventually);

    const payroll = await readSecret(admin, namespace, 'payroll');
    expect(decoded(payroll)).toEqual({ salary: adminValue });
    expect(payroll?.metadata?.labels).toEqual({ team: 'finance' });
    expect(payroll?.metadata?.ownerReferences).toBeUndefined();
  });
});
