// Text from the cluster reaches a terminal through `ferry`: a remote key's name in a condition, a
// history reason, an Event's note. Planted escape sequences must come out as visible \uXXXX text in
// every output, and -o json / -o yaml must still read back as the same strings. No operator runs
// here: the status and the Event are written as admin, so what is planted is exactly what is read.
import { CoreV1Api, CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
} from '../../support/cluster.ts';
import { applyObjects } from '../../support/manifests.ts';
import { ferry } from './ferry-process.ts';

// ESC ] 0 ; … BEL retitles a terminal; U+202E reverses the text after it.
const planted = '\u001b]0;owned\u0007\u202eevil';
const escaped = '\\u001b]0;owned\\u0007\\u202eevil';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('ferry prints text from the cluster without control characters', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  const run = (...args: string[]) => ferry([...args, '--kubeconfig', adminKubeconfigPath()]);

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'cli-control-characters');
    await applyObjects(admin, [
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'ExternalSecret',
        metadata: { name: 'planted', namespace },
        spec: {
          secretStoreRef: { name: 'fake' },
          data: [{ secretKey: 'k', remoteRef: { key: `/db${planted}` } }],
        },
      } as KubernetesObject,
    ]);
    const custom = admin.makeApiClient(CustomObjectsApi);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const es = (await custom.patchNamespacedCustomObjectStatus({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'externalsecrets',
      name: 'planted',
      body: [
        {
          op: 'add',
          path: '/status',
          value: {
            conditions: [
              {
                type: 'Ready',
                status: 'False',
                reason: 'ProviderError',
                message: `fake: key "/db${planted}" not found`,
                lastTransitionTime: now,
              },
            ],
            history: [{ time: now, action: 'Failed', reason: `Provider${planted}` }],
          },
        },
      ],
    })) as { metadata: { uid: string } };
    // Through core/v1, as client-go's recorder writes them; events.k8s.io/v1 lists them too.
    await admin.makeApiClient(CoreV1Api).createNamespacedEvent({
      namespace,
      body: {
        metadata: { name: 'planted.1', namespace },
        type: 'Warning',
        reason: 'ProviderError',
        message: `fake: key "/db${planted}" not found`,
        firstTimestamp: new Date(),
        lastTimestamp: new Date(),
        source: { component: 'ferry.dev/externalsecret-controller' },
        involvedObject: {
          apiVersion: 'ferry.dev/v1alpha1',
          kind: 'ExternalSecret',
          name: 'planted',
          namespace,
          uid: es.metadata.uid,
        },
      },
    });
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  it('explain shows the key name, the history reason and the Event note escaped', async () => {
    const { code, stdout, stderr } = await run('explain', 'planted', '-n', namespace);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toMatch(raw);
    expect(stdout).toContain(`Provider${escaped}`);
    expect(stdout).toContain(`fake: key "/db${escaped}" not found`);
  });

  it('explain -o json and -o yaml escape the characters and read back as the planted strings', async () => {
    const json = await run('explain', 'planted', '-n', namespace, '-o', 'json');
    const yaml = await run('explain', 'planted', '-n', namespace, '-o', 'yaml');
    for (const { code, stdout } of [json, yaml]) {
      expect(code).toBe(0);
      expect(stdout).not.toMatch(raw);
    }
    type Explanation = { status: { history: { reason: string }[] }; events: { note: string }[] };
    for (const explanation of [
      JSON.parse(json.stdout) as Explanation,
      parseYaml(yaml.stdout) as Explanation,
    ]) {
      expect(explanation.status.history[0]?.reason).toBe(`Provider${planted}`);
      expect(explanation.events.map((event) => event.note)).toContain(`fake: key "/db${planted}" not found`);
    }
  });
});
