// Issue #15, items 2-4, from a user's side: what status, Events, the operator's log lines and
// `ferry explain` say about a sync. Values planted in a store reach none of them, even when a
// template puts them into its own error; names, reasons and the words of a message stay readable;
// a Secret someone edits or deletes is recorded as restored, naming the editor when Kubernetes can.
import { CoreV1Api, EventsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
} from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { LogEntry, OperatorProcess } from '../support/operator-process.ts';
import { plantedTracesIn, plantedValue } from '../support/planted-values.ts';
import {
  decoded,
  eventually,
  readExternalSecret,
  readSecret,
  readyCondition,
  waitForReason,
  type ExternalSecretObject,
} from '../support/waiting.ts';
import { ferry } from './cli/ferry-process.ts';

const password = plantedValue('password');
/** A PIN: shorter than the 6 characters every occurrence of which is scrubbed, so only as a word. */
const pin = 'Q7!zK';
const editor = 'first-hour-editor';

type HistoryWithDrift = NonNullable<NonNullable<ExternalSecretObject['status']>['history']>[number] & {
  drift?: { change: string; fieldManager?: string };
};

describe('what users read of a sync: status, Events, logs (issue #15)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const events = admin.makeApiClient(EventsV1Api);
  let namespace: string;
  let operator: OperatorProcess;

  const eventsOf = async (name: string) =>
    (await events.listNamespacedEvent({ namespace, fieldSelector: `regarding.name=${name}` })).items;
  const auditLines = (name: string): LogEntry[] =>
    operator.logs().filter((line) => line.msg === 'sync' && line['audit'] === true && line['name'] === name);

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'first-hour');
    operator = await startNamespacedOperator(namespace);
    await applyObjects(admin, [
      fakeStoreObject(namespace, 'fake', [
        { key: 'password', value: password },
        { key: 'pin', value: pin },
      ]),
    ]);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, [password, pin]);
    await deleteNamespace(admin, namespace);
  });

  it('keeps values a template puts into its own error out of status, Events and log lines', async () => {
    const templates = {
      'fail-password': '{{ fail .password }}',
      'fail-pin': '{{ fail .pin }}',
      'fail-both': '{{ fail (printf "%s and %s" .pin .password) }}',
      'quoted-password': '{{ fail (printf "rejected %q for user app" .password) }}',
    };
    await applyObjects(
      admin,
      Object.entries(templates).map(([name, template]) =>
        externalSecretObject(namespace, name, {
          data: [
            { secretKey: 'password', remoteRef: { key: 'password' } },
            { secretKey: 'pin', remoteRef: { key: 'pin' } },
          ],
          target: { template: { data: { out: template } } },
        }),
      ),
    );
    for (const name of Object.keys(templates)) {
      const es = await vi.waitFor(async () => {
        const current = await readExternalSecret(admin, namespace, name);
        if (readyCondition(current)?.status !== 'False') throw new Error(`${name} has not failed yet`);
        return current;
      }, eventually);
      const status = JSON.stringify(es.status);
      expect(plantedTracesIn(status, [password]), `${name}: status`).toEqual([]);
      expect(status, `${name}: status`).not.toContain(pin);
      expect(readyCondition(es)?.message, `${name}: the message says a value was there`).toContain(
        '[REDACTED]',
      );

      const notes = await vi.waitFor(async () => {
        const found = (await eventsOf(name)).map((event) => event.note ?? '');
        expect(found.length, `${name}: a Warning Event`).toBeGreaterThan(0);
        return found.join('\n');
      }, eventually);
      expect(plantedTracesIn(notes, [password]), `${name}: Events`).toEqual([]);
      expect(notes, `${name}: Events`).not.toContain(pin);
      expect(notes).toContain('[REDACTED]');
    }
    // The words around the value stay: the user can still tell what failed.
    const quoted = readyCondition(await readExternalSecret(admin, namespace, 'quoted-password'));
    expect(quoted?.message).toContain('rejected "[REDACTED]" for user app');

    const logs = [...operator.stdout, ...operator.stderr].join('\n');
    expect(plantedTracesIn(logs, [password]), 'operator logs').toEqual([]);
    expect(logs, 'operator logs').not.toContain(pin);
    expect(auditLines('fail-pin').some((line) => String(line['fields.message']).includes('[REDACTED]'))).toBe(
      true,
    );
  });

  it('logs names, keys, reasons and the words of a message as they are', async () => {
    const server = admin.getCurrentCluster()?.server ?? '';
    await applyObjects(admin, [
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'SecretStore',
        metadata: { name: 'by-token', namespace },
        spec: {
          provider: {
            kubernetes: {
              server: { url: server },
              remoteNamespace: namespace,
              // Mistyped: no Secret "vault-tokn" exists.
              auth: { token: { bearerToken: { name: 'vault-tokn', key: 'token' } } },
            },
          },
        },
      },
      externalSecretObject(namespace, 'vault-token', {
        secretStoreRef: { name: 'by-token' },
        data: [{ secretKey: 'token', remoteRef: { key: 'anything', property: 'token' } }],
      }),
    ]);
    const expected = `credential "token": cannot read Secret ${namespace}/vault-tokn`;
    const says = (line: LogEntry): boolean =>
      Object.values(line).some((field) => typeof field === 'string' && field.includes(expected));
    await vi.waitFor(() => {
      expect(operator.logs().filter(says), `a log line saying ${expected}`).not.toEqual([]);
    }, eventually);
    expect(operator.logs().filter(says)[0]).toMatchObject({ namespace, name: 'by-token' });
    // Nothing about this store or its ExternalSecret is a value: no line about them hides anything.
    const about = operator.stdout.filter((line) => line.includes('vault-tok') || line.includes('by-token'));
    expect(about.filter((line) => line.includes('[REDACTED'))).toEqual([]);
  });

  it('records a Secret restored after an edit as Restored, naming the field manager, and after a deletion', async () => {
    await applyObjects(admin, [
      externalSecretObject(namespace, 'drifty', {
        data: [{ secretKey: 'password', remoteRef: { key: 'password' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'drifty', 'SecretSynced');
    const created = auditLines('drifty').find((line) => line['action'] === 'Created');
    expect(created, 'the audit line of the first sync').toMatchObject({
      targetSecret: 'drifty',
      reason: 'SecretSynced',
    });

    await core.patchNamespacedSecret(
      {
        namespace,
        name: 'drifty',
        fieldManager: editor,
        body: { data: { password: Buffer.from('hand-edited').toString('base64') } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const edited = { change: 'Edited', fieldManager: editor };
    const afterEdit = await waitForRestore('drifty', edited);
    expect(readyCondition(afterEdit)).toMatchObject({
      status: 'True',
      reason: 'SecretSynced',
      message: `Secret "drifty" restored after its data was changed outside Ferry by field manager "${editor}"`,
    });
    await vi.waitFor(async () => {
      const restored = (await eventsOf('drifty')).filter((event) => event.action === 'Restored');
      expect(restored.map((event) => [event.type, event.reason, event.note])).toContainEqual([
        'Normal',
        'SecretSynced',
        readyCondition(afterEdit)?.message,
      ]);
    }, eventually);
    await vi.waitFor(() =>
      expect(auditLines('drifty').filter((line) => line['action'] === 'Restored')).toContainEqual(
        expect.objectContaining({ targetSecret: 'drifty', reason: 'SecretSynced', drift: edited }),
      ),
    );

    await core.deleteNamespacedSecret({ namespace, name: 'drifty' });
    const afterDeletion = await waitForRestore('drifty', { change: 'Deleted' });
    const deletedMessage =
      'Secret "drifty" restored after it was deleted outside Ferry (a deleted Secret keeps no record of who deleted it; the API server audit log does)';
    expect(readyCondition(afterDeletion)?.message).toBe(deletedMessage);
    await vi.waitFor(async () => {
      const notes = (await eventsOf('drifty')).map((event) => [event.action, event.note]);
      expect(notes).toContainEqual(['Restored', deletedMessage]);
    }, eventually);
    await vi.waitFor(() =>
      expect(auditLines('drifty')).toContainEqual(
        expect.objectContaining({ action: 'Restored', drift: { change: 'Deleted' } }),
      ),
    );

    const explained = await ferry([
      'explain',
      'drifty',
      '-n',
      namespace,
      '--kubeconfig',
      adminKubeconfigPath(),
    ]);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(`Restored (edited by "${editor}")`);
    expect(explained.stdout).toContain('Restored (deleted, by whom unrecorded)');
  });

  /** Waits until the Secret holds the store's value again and history's last entry is this repair. */
  async function waitForRestore(
    name: string,
    drift: { change: string; fieldManager?: string },
  ): Promise<ExternalSecretObject> {
    return vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, namespace, name)).password).toBe(password);
      const es = await readExternalSecret(admin, namespace, name);
      const last = es.status?.history?.at(-1) as HistoryWithDrift | undefined;
      expect(last).toMatchObject({ action: 'Restored', reason: 'SecretSynced', drift });
      expect(last?.drift).toEqual(drift);
      return es;
    }, eventually);
  }
});
