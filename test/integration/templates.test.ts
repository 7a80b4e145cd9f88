// Templates end to end: examples/templates applied as written (a real control plane, a real operator
// process, the fake provider), the Secrets' bytes checked, a changed ConfigMap template re-rendering
// its Secret, and template errors reported as TemplateError while the Secret keeps its data.
import { generateKeyPairSync } from 'node:crypto';
import {
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1Secret,
} from '@kubernetes/client-node';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
} from '../support/cluster.ts';
import { ferry } from './cli/ferry-process.ts';
import { applyObjects, loadExample } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import {
  decoded,
  eventually,
  readExternalSecret,
  readSecret,
  readyCondition,
  waitForReason,
} from '../support/waiting.ts';

// The examples' values, and the ones planted by this file; none may reach a log line, an Event or
// a status.
const planted = [
  'tpl-db-pass-5150',
  'tpl-registry-token-7781',
  'tpl-smtp-pass-3320',
  'changeit',
  'planted-template-secret-6612',
  'tpl-app-keystore-4471',
];
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const examples = [
  'connection-string.yaml',
  'dockerconfigjson.yaml',
  'tls-from-pkcs12.yaml',
  'template-from-configmap.yaml',
  'template-from-secret-and-literal.yaml',
  'rewrite-transform.yaml',
  'java-keystore.yaml',
];

/** A self-signed certificate and its key, and both as a PKCS#12 keystore locked with `password`. */
function keystore(password: string): { certificatePem: string; keyPem: string; pkcs12Base64: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'web.example.com' }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [certificate], password, { algorithm: '3des' });
  return {
    certificatePem: forge.pki.certificateToPem(certificate),
    keyPem,
    pkcs12Base64: forge.util.encode64(forge.asn1.toDer(p12).getBytes()),
  };
}

/** The example store, with a fresh keystore under /tls/keystore. */
function storeWithKeystore(namespace: string, pkcs12Base64: string): KubernetesObject[] {
  return loadExample('templates/secret-store.yaml', namespace).map((object) => {
    const store = object as KubernetesObject & {
      spec: { provider: { fake: { data: { key: string; value: string }[] } } };
    };
    const data = store.spec.provider.fake.data.map((entry) =>
      entry.key === '/tls/keystore' ? { ...entry, value: pkcs12Base64 } : entry,
    );
    return { ...store, spec: { provider: { fake: { data } } } } as KubernetesObject;
  });
}

describe('templates (real control plane, real operator process, fake provider)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;
  const tls = keystore('changeit');

  const secretOf = async (name: string): Promise<V1Secret> => {
    const secret = await readSecret(admin, namespace, name);
    if (!secret) throw new Error(`Secret ${name} does not exist`);
    return secret;
  };
  /** The Secret of the ExternalSecret `name`, once that reports SecretSynced. */
  const syncedSecret = async (name: string): Promise<V1Secret> => {
    await waitForReason(admin, namespace, name, 'SecretSynced');
    return secretOf(name);
  };
  const patchExternalSecret = (name: string, patch: unknown): Promise<unknown> =>
    custom.patchNamespacedCustomObject(
      {
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name,
        body: patch,
      },
      mergePatch,
    );

  /** An ExternalSecret of the demo store that reads /db/credentials, with `template` and more spec. */
  const demoExternalSecret = (
    name: string,
    template: Record<string, unknown>,
    spec: Record<string, unknown> = {},
  ): KubernetesObject =>
    ({
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'ExternalSecret',
      metadata: { name, namespace },
      spec: {
        secretStoreRef: { name: 'template-demo' },
        target: { template },
        dataFrom: [{ extract: { key: '/db/credentials' } }],
        ...spec,
      },
    }) as KubernetesObject;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'templates');
    operator = await startNamespacedOperator(namespace);
    await applyObjects(admin, [
      ...storeWithKeystore(namespace, tls.pkcs12Base64),
      ...examples.flatMap((file) => loadExample(`templates/${file}`, namespace)),
    ]);
  });

  afterAll(async () => {
    // Whatever else happened, no value reached the operator's output...
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('every example syncs, and no status or Event holds a value', async () => {
    const names = [
      'app-db',
      'registry-pull',
      'web-tls',
      'app-config',
      'mailer',
      'app-settings',
      'java-keystore',
    ];
    const statuses = await Promise.all(
      names.map((name) => waitForReason(admin, namespace, name, 'SecretSynced')),
    );
    const events = await admin.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace });
    const serialized = JSON.stringify({
      statuses: statuses.map((es) => es.status),
      events: events.items.map((event) => [event.reason, event.note]),
    });
    for (const value of planted) expect(serialized).not.toContain(value);
  });

  it('connection-string.yaml: a connection string, a config file, templated labels and annotations', async () => {
    const secret = await syncedSecret('app-db');
    expect(decoded(secret)).toEqual({
      DATABASE_URL: 'postgresql://app:tpl-db-pass-5150@db.internal.example:5432/billing?sslmode=require',
      'config.yaml':
        'database:\n  host: db.internal.example\n  user: "app"\n  password: "tpl-db-pass-5150"\n',
    });
    expect(secret.type).toBe('Opaque');
    expect(secret.metadata?.labels).toMatchObject({
      'app.kubernetes.io/part-of': 'billing',
      'db-user': 'app',
    });
    expect(secret.metadata?.annotations?.['description']).toBe(
      'connection string for app@db.internal.example',
    );
  });

  it('dockerconfigjson.yaml: a kubernetes.io/dockerconfigjson Secret the API server accepts', async () => {
    const secret = await syncedSecret('registry-pull');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(decoded(secret)['.dockerconfigjson'] ?? '') as {
      auths: Record<string, { username: string; password: string; auth: string }>;
    };
    expect(config.auths['registry.example.com']).toEqual({
      username: 'robot',
      password: 'tpl-registry-token-7781',
      auth: Buffer.from('robot:tpl-registry-token-7781').toString('base64'),
    });
  });

  it('tls-from-pkcs12.yaml: a kubernetes.io/tls Secret split from a PKCS#12 keystore', async () => {
    const secret = await syncedSecret('web-tls');
    expect(secret.type).toBe('kubernetes.io/tls');
    const data = decoded(secret);
    expect(Object.keys(data).sort()).toEqual(['tls.crt', 'tls.key']);
    expect(data['tls.crt']).toBe(tls.certificatePem.replace(/\r\n/g, '\n'));
    // The key comes back as PKCS#8 PEM: the same key as the one the keystore was made from.
    const key = forge.pki.privateKeyFromPem(data['tls.key'] ?? '');
    expect(key.n.toString(16)).toBe(forge.pki.privateKeyFromPem(tls.keyPem).n.toString(16));
  });

  it('java-keystore.yaml: a new PKCS#12 keystore, stored as bytes by valuesDecodingStrategy', async () => {
    const secret = await syncedSecret('java-keystore');
    const keystoreBase64 = secret.data?.['keystore.p12'] ?? '';
    expect(Object.keys(secret.data ?? {})).toEqual(['keystore.p12']);
    // The Secret holds the keystore's DER bytes (a SEQUENCE), not base64 text of them.
    expect(Buffer.from(keystoreBase64, 'base64')[0]).toBe(0x30);
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.decode64(keystoreBase64)),
      'tpl-app-keystore-4471',
    );
    const [bag] =
      p12.getBags({ bagType: forge.pki.oids['certBag'] ?? '' })[forge.pki.oids['certBag'] ?? ''] ?? [];
    expect(bag?.cert && forge.pki.certificateToPem(bag.cert)).toBe(tls.certificatePem);
  });

  it('template-from-configmap.yaml: Values and KeysAndValues templates from a ConfigMap', async () => {
    expect(decoded(await syncedSecret('app-config'))).toEqual({
      'app.properties':
        'db.url=jdbc:postgresql://db.internal.example:5432/billing\ndb.user=app\ndb.password=tpl-db-pass-5150\n',
      DB_USER: 'app',
      DB_PASSWORD: 'tpl-db-pass-5150',
      ENVIRONMENT: 'staging',
    });
  });

  it('template-from-secret-and-literal.yaml: a template from a Secret, literals for labels and annotations, Merge', async () => {
    const secret = await syncedSecret('mailer');
    expect(decoded(secret)).toEqual({
      smtp_password: 'tpl-smtp-pass-3320',
      'smtp.conf':
        'relayhost = [smtp.example.com]:587\nsmtp_sasl_password_maps = static:mailer:tpl-smtp-pass-3320\n',
    });
    expect(secret.metadata?.labels?.['mail-relay']).toBe('smtp.example.com');
    expect(secret.metadata?.annotations?.['example.com/smtp-password-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rewrite-transform.yaml: regexp then transform rewrites of found keys', async () => {
    expect(decoded(await syncedSecret('app-settings'))).toEqual({
      'feature-flags': 'beta,dark-mode',
      'smtp-password': 'tpl-smtp-pass-3320',
    });
  });

  it('re-renders the Secrets of a ConfigMap template when the ConfigMap changes, without waiting for the refresh', async () => {
    const objects = KubernetesObjectApi.makeApiClient(admin);
    const rendersAfter = async (source: KubernetesObject, secret: string, key: string, expected: string) => {
      await objects.patch(source, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
      await vi.waitFor(async () => expect(decoded(await secretOf(secret))[key]).toBe(expected), eventually);
    };
    await waitForReason(admin, namespace, 'app-config', 'SecretSynced');
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config-templates', namespace },
    };
    const template = 'db.user={{ .username | upper }}\n';
    await rendersAfter(
      { ...configMap, data: { 'app.properties': template } } as KubernetesObject,
      'app-config',
      'app.properties',
      'db.user=APP\n',
    );
    // The same for a Secret that holds a template.
    const relay = 'relayhost = [smtp2.example.com]:587\n';
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mail-template', namespace } };
    await rendersAfter(
      { ...secret, stringData: { 'smtp.conf': relay } } as KubernetesObject,
      'mailer',
      'smtp.conf',
      relay,
    );
  });

  it('re-renders when its template comes from a Secret that another ExternalSecret writes', async () => {
    // The source Secret is managed by Ferry, so its changes are heard through the managed-Secrets
    // watch, not the template change stream (which leaves Ferry's own Secrets out). The consumer's
    // store does not change, so nothing but the template source can make it re-render.
    const sourceStore = (template: string): KubernetesObject =>
      ({
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'SecretStore',
        metadata: { name: 'template-source', namespace },
        spec: { provider: { fake: { data: [{ key: '/templates/db', value: template }] } } },
      }) as KubernetesObject;
    await applyObjects(admin, [
      sourceStore('user={{ .username }}\n'),
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'ExternalSecret',
        metadata: { name: 'db-template', namespace },
        spec: {
          secretStoreRef: { name: 'template-source' },
          data: [{ secretKey: 'db.conf', remoteRef: { key: '/templates/db' } }],
        },
      } as KubernetesObject,
      demoExternalSecret('db-config', {
        templateFrom: [{ secret: { name: 'db-template', items: [{ key: 'db.conf' }] } }],
      }),
    ]);
    expect(decoded(await syncedSecret('db-config'))['db.conf']).toBe('user=app\n');
    await applyObjects(admin, [sourceStore('user={{ .username | upper }}\n')]);
    await vi.waitFor(
      async () => expect(decoded(await secretOf('db-config'))['db.conf']).toBe('user=APP\n'),
      eventually,
    );
  });

  it('a template that fails leaves the Secret as it is and reports TemplateError with the template, line and column', async () => {
    await applyObjects(admin, [
      demoExternalSecret('broken', { data: { token: '{{ .password | b64enc }}' } }),
    ]);
    const before = await syncedSecret('broken');

    // An execution error: a key the data does not have (missingkey=error, as ESO).
    await patchExternalSecret('broken', {
      spec: {
        target: {
          template: { data: { token: 'user={{ .username }}\n{{ .password | b64enc }}{{ .nokey }}' } },
        },
      },
    });
    const failed = await waitForReason(admin, namespace, 'broken', 'TemplateError');
    expect(readyCondition(failed)).toMatchObject({
      status: 'False',
      message:
        'spec.target.template.data["token"]: template: token:2:27: executing "token" at <.nokey>: map has no entry for key "nokey"',
    });
    expect((await secretOf('broken')).data).toEqual(before.data);

    // A template that does not parse: the function it names, where.
    await patchExternalSecret('broken', {
      spec: {
        target: { template: { data: { token: '{{ .password | nosuch "planted-template-secret-6612" }}' } } },
      },
    });
    await vi.waitFor(async () => {
      const es = await readExternalSecret(admin, namespace, 'broken');
      expect(readyCondition(es)).toMatchObject({
        status: 'False',
        reason: 'TemplateError',
        message: 'spec.target.template.data["token"]: template: token:1:15: function "nosuch" not defined',
      });
    }, eventually);
    expect((await secretOf('broken')).data).toEqual(before.data);

    // A function that fails on the data names the function, never the data.
    await patchExternalSecret('broken', {
      spec: { target: { template: { data: { token: '{{ .password | pkcs12key }}' } } } },
    });
    const functionFailed = await vi.waitFor(async () => {
      const es = await readExternalSecret(admin, namespace, 'broken');
      const ready = readyCondition(es);
      expect(ready?.message).toMatch(
        /^spec\.target\.template\.data\["token"\]: template: token:1:\d+: .*pkcs12key/,
      );
      return es;
    }, eventually);
    expect((await secretOf('broken')).data).toEqual(before.data);
    const events = await admin
      .makeApiClient(EventsV1Api)
      .listNamespacedEvent({ namespace, fieldSelector: 'regarding.name=broken' });
    expect(events.items.map((event) => event.reason)).toContain('TemplateError');
    const serialized = JSON.stringify({
      status: functionFailed.status,
      events: events.items.map((event) => event.note),
    });
    for (const value of planted) expect(serialized).not.toContain(value);
  });

  it('a template over the sync’s memory budget fails that ExternalSecret alone with BudgetExceeded, keeping its Secret', async () => {
    await applyObjects(admin, [
      demoExternalSecret('hoarder', { data: { token: '{{ .password | b64enc }}' } }),
    ]);
    const before = await syncedSecret('hoarder');
    // The template: without a budget over the whole rendering, it took the process down.
    await patchExternalSecret('hoarder', {
      spec: {
        target: {
          template: {
            data: {
              token:
                '{{ $s := repeat 1000000 "a" }}{{ $l := list }}{{ range until 100 }}{{ $l = append $l (printf "%s%d" $s .) }}{{ end }}{{ len $l }}',
            },
          },
        },
      },
    });
    const failed = await waitForReason(admin, namespace, 'hoarder', 'BudgetExceeded');
    expect(readyCondition(failed)).toMatchObject({ status: 'False' });
    expect(readyCondition(failed)?.message).toMatch(
      /^spec\.target\.template\.data\["token"\]: template: token:1:\d+: executing "token": rendering exceeds the memory budget of 64 MiB per sync; simplify the template or raise --budget-render-memory-mib$/,
    );
    expect((await secretOf('hoarder')).data).toEqual(before.data);
    // The operator is still there, serving the others.
    await applyObjects(admin, [demoExternalSecret('after-hoarder', { data: { user: '{{ .username }}' } })]);
    expect(decoded(await syncedSecret('after-hoarder'))).toEqual({ user: 'app' });
  });

  it('fail, a docker config that is not JSON and a Secret the API server refuses: no value in status, Events, logs or the CLI', async () => {
    const password = 'tpl-db-pass-5150';
    // The value as the failures could show it: as is, as base64 (Secret data), as the JSON the API server would quote.
    const forms = [password, Buffer.from(password).toString('base64').replace(/=+$/, '')];
    await applyObjects(admin, [
      demoExternalSecret('leaks-by-fail', {
        data: { token: '{{ fail (printf "no login for %s, ask the DBA" .password) }}' },
      }),
      // A password pasted into hand-written JSON without quotes: not JSON, and the API server's
      // refusal would quote the parser's complaint, a byte of the value.
      demoExternalSecret('leaks-by-docker', {
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': '{"auths":{"r.example.com":{"password":{{ .password }}}}}' },
      }),
      // A kubernetes.io/tls Secret without tls.key: refused by the API server (422), whose answer
      // carries headers (an audit id) and a Status body that must not reach a log line.
      demoExternalSecret('refused-by-api', {
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': '{{ .password }}' },
      }),
    ]);
    const byFail = await waitForReason(admin, namespace, 'leaks-by-fail', 'TemplateError');
    // The author's text stays; the value in it does not.
    expect(readyCondition(byFail)?.message).toBe(
      'spec.target.template.data["token"]: template: token:1:3: executing "token" at <fail (printf "no login for %s, ask the DBA" .password)>: error calling fail: no login for [REDACTED], ask the DBA',
    );
    const byDocker = await waitForReason(admin, namespace, 'leaks-by-docker', 'InvalidSpec');
    expect(readyCondition(byDocker)?.message).toContain(
      'the resulting Secret key ".dockerconfigjson" is not a JSON object, which a kubernetes.io/dockerconfigjson Secret must hold',
    );
    const refused = await waitForReason(admin, namespace, 'refused-by-api', 'SecretSyncedError');
    expect(readyCondition(refused)?.message).toBe(
      'the API server refused Secret "refused-by-api" (Invalid, HTTP 422): invalid data[tls.key]; its message is not shown, as it may quote the values it refused',
    );
    const names = ['leaks-by-fail', 'leaks-by-docker', 'refused-by-api'];
    const events = await admin.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace });
    expect(
      events.items.filter((event) => names.includes(event.regarding?.name ?? '')).length,
    ).toBeGreaterThanOrEqual(3);
    const cli = await Promise.all([
      ferry(['status', '-n', namespace, '--kubeconfig', adminKubeconfigPath()]),
      ...names.flatMap((name) => [
        ferry(['explain', name, '-n', namespace, '--kubeconfig', adminKubeconfigPath()]),
        ferry(['explain', name, '-n', namespace, '-o', 'json', '--kubeconfig', adminKubeconfigPath()]),
      ]),
    ]);
    expect(cli.map((run) => run.code)).toEqual(cli.map(() => 0));
    // explain shows the failure as status and Events say it.
    expect(cli[1]?.stdout).toContain('no login for [REDACTED], ask the DBA');
    const seen = JSON.stringify({
      statuses: [byFail.status, byDocker.status, refused.status],
      events: events.items.map((event) => [event.reason, event.note]),
      cli: cli.map((run) => run.stdout + run.stderr),
      // The operator logs at debug level (startNamespacedOperator).
      logs: [...operator.stdout, ...operator.stderr],
    });
    for (const form of forms) expect(seen).not.toContain(form);
    expect(seen).not.toMatch(/invalid character/);
    // The API server's answer reached no log line: neither its headers nor its raw Status body.
    const logs = [...operator.stdout, ...operator.stderr].join('\n');
    expect(logs).toContain('refused-by-api');
    expect(logs).not.toMatch(/audit-id/i);
    expect(logs).not.toMatch(/Headers:|"kind\\?":\\?"Status/);
  });

  it('a missing template ConfigMap is a TemplateError until it is created, then the Secret is written', async () => {
    await applyObjects(admin, [
      demoExternalSecret('waits-for-template', {
        templateFrom: [{ configMap: { name: 'later', items: [{ key: 'greeting' }] } }],
      }),
    ]);
    const failed = await waitForReason(admin, namespace, 'waits-for-template', 'TemplateError');
    expect(readyCondition(failed)?.message).toBe(
      `spec.target.template.templateFrom[0].configMap: ConfigMap "later" does not exist in namespace "${namespace}"`,
    );
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'later' }, data: { greeting: 'hello {{ .username }}' } },
    });
    expect(decoded(await syncedSecret('waits-for-template'))).toEqual({ greeting: 'hello app' });
  });

  it('refuses at admission: another engineVersion, an empty templateFrom entry, a template minting tokens', async () => {
    const objects = KubernetesObjectApi.makeApiClient(admin);
    const rejection = async (name: string, template: Record<string, unknown>): Promise<string> => {
      try {
        await objects.create(demoExternalSecret(name, template));
      } catch (error) {
        const body = (error as { body?: unknown }).body;
        return (JSON.parse(String(body)) as { message: string }).message;
      }
      throw new Error(`${name} was admitted`);
    };
    expect(await rejection('engine-v1', { engineVersion: 'v1' })).toContain('Unsupported value: "v1"');
    expect(await rejection('empty-from', { templateFrom: [{ target: 'Data' }] })).toContain(
      'a templateFrom entry needs a configMap, a secret or a literal',
    );
    expect(await rejection('bootstrap', { type: 'bootstrap.kubernetes.io/token' })).toContain(
      'template.type bootstrap.kubernetes.io/token is not allowed',
    );
    expect(
      await rejection('sa-token', {
        type: 'kubernetes.io/service-account-token',
        metadata: { annotations: { 'kubernetes.io/service-account.name': 'admin' } },
      }),
    ).toContain('with the annotation kubernetes.io/service-account.name is not allowed');
    expect(
      await rejection('sa-token-from', {
        type: 'kubernetes.io/service-account-token',
        templateFrom: [{ target: 'Annotations', literal: 'a: b' }],
      }),
    ).toContain('with a templateFrom target Annotations is not allowed');
  });

  it('renders a template with random functions once, and keeps it until its inputs change', async () => {
    await applyObjects(admin, [
      demoExternalSecret(
        'random',
        { data: { session: '{{ .username }}-{{ randAlphaNum 24 }}' } },
        { refreshInterval: '1s' },
      ),
    ]);
    const first = await syncedSecret('random');
    expect(decoded(first)['session']).toMatch(/^app-[A-Za-z0-9]{24}$/);
    expect(first.metadata?.annotations?.['ferry.dev/template-inputs-hash']).toMatch(/^[0-9a-f]{40}$/);
    // Refreshes go on (every second) and find nothing to write: the Secret stays the same version.
    const unchangedSyncs = async (): Promise<number> => {
      const metrics = (await operator.get('/metrics')).body;
      const match = /ferry_sync_total\{kind="ExternalSecret",result="unchanged"\} (\d+)/.exec(metrics);
      return Number(match?.[1] ?? 0);
    };
    const before = await unchangedSyncs();
    await vi.waitFor(
      async () => expect(await unchangedSyncs()).toBeGreaterThanOrEqual(before + 3),
      eventually,
    );
    expect((await secretOf('random')).metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    // A changed template is a changed input: rendered again.
    await patchExternalSecret('random', {
      spec: { target: { template: { data: { session: '{{ .username | upper }}-{{ randAlphaNum 24 }}' } } } },
    });
    await vi.waitFor(
      async () => expect(decoded(await secretOf('random'))['session']).toMatch(/^APP-[A-Za-z0-9]{24}$/),
      eventually,
    );
  });
});

describe('templates with the operator’s own delimiters (--template-left/right-delimiter)', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  let operator: OperatorProcess;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'templates-delims');
    operator = await startNamespacedOperator(namespace, {
      FERRY_TEMPLATE_LEFT_DELIMITER: '<%',
      FERRY_TEMPLATE_RIGHT_DELIMITER: '%>',
    });
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('renders <% %> actions and leaves {{ }} as text, as in an ExternalSecret kept in a Helm chart', async () => {
    await applyObjects(admin, [
      ...loadExample('templates/secret-store.yaml', namespace),
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'ExternalSecret',
        metadata: { name: 'helm-kept', namespace },
        spec: {
          secretStoreRef: { name: 'template-demo' },
          target: {
            template: { data: { dsn: '{{ .Values.db }}://<% .username %>:<% .password | upper %>@db' } },
          },
          dataFrom: [{ extract: { key: '/db/credentials' } }],
        },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, namespace, 'helm-kept', 'SecretSynced');
    const secret = await readSecret(admin, namespace, 'helm-kept');
    expect(decoded(secret ?? {})).toEqual({ dsn: '{{ .Values.db }}://app:TPL-DB-PASS-5150@db' });
  });
});
