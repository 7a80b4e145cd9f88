import { describe, expect, it } from 'vitest';
import { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { desiredSecret, finalizersFor, targetSecretName } from './desired-secret.ts';
import type { LiveTarget } from './live-target.ts';
import { targetRole, type TargetRole } from './target-role.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function externalSecret(target: Record<string, unknown> = {}, uid: string | null = 'uid-1'): ExternalSecret {
  return ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'app', namespace: 'team', ...(uid ? { uid } : {}) },
    spec: { secretStoreRef: { name: 'store' }, target, data: [{ secretKey: 'k', remoteRef: { key: 'k' } }] },
  });
}

const desiredOptions = (es: ExternalSecret) => ({
  es,
  name: 'app-secret',
  data: { password: bytes('s3cret') },
  labels: {},
  annotations: {},
  type: 'Opaque',
  hash: 'hash-1',
  owner: 'owner-1',
  role: targetRole(es, undefined, 'owner-1'),
});

// The template's metadata here has no actions: rendered, it is what it says.
// The role of a Secret that does not exist yet, unless the test says otherwise.
const desired = (
  es: ExternalSecret,
  type = 'Opaque',
  role: TargetRole = targetRole(es, undefined, 'owner-1'),
) =>
  desiredSecret({
    es,
    name: 'app-secret',
    data: { password: bytes('s3cret') },
    labels: es.spec.target.template?.metadata?.labels ?? {},
    annotations: es.spec.target.template?.metadata?.annotations ?? {},
    type,
    hash: 'hash-1',
    owner: 'owner-1',
    role,
  });

describe('desiredSecret', () => {
  it('is a server-side-apply body with Ferry’s markers and base64 data', () => {
    const secret = desired(externalSecret({ creationPolicy: 'Orphan' }), 'kubernetes.io/basic-auth');
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'app-secret',
        namespace: 'team',
        labels: { 'ferry.dev/managed': 'true', 'ferry.dev/owner': 'owner-1' },
        annotations: { 'ferry.dev/data-hash': 'hash-1' },
      },
      type: 'kubernetes.io/basic-auth',
      data: { password: Buffer.from('s3cret').toString('base64') },
    });
  });

  it('Owner (the default) sets a controller ownerReference to the ExternalSecret', () => {
    const secret = desired(externalSecret());
    expect(secret.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'ExternalSecret',
        name: 'app',
        uid: 'uid-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // An object not yet stored has no uid to point at: no reference rather than a broken one.
    expect(desired(externalSecret({}, null)).metadata?.ownerReferences).toBeUndefined();
  });

  it('Orphan, Merge and CreateOrMerge set no ownerReference', () => {
    for (const creationPolicy of ['Orphan', 'Merge', 'CreateOrMerge']) {
      expect(desired(externalSecret({ creationPolicy })).metadata?.ownerReferences).toBeUndefined();
    }
  });

  it('Merge writes neither Ferry’s markers nor a type, only the data and the template’s metadata', () => {
    const es = externalSecret({
      creationPolicy: 'Merge',
      template: { type: 'kubernetes.io/tls', metadata: { labels: { app: 'web' }, annotations: { a: 'b' } } },
    });
    const secret = desired(es, 'kubernetes.io/tls');
    expect(secret).not.toHaveProperty('type');
    expect(secret.metadata?.labels).toEqual({ app: 'web' });
    expect(secret.metadata?.annotations).toEqual({ a: 'b' });
    expect(secret.data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
  });

  it('CreateOrMerge creating a Secret writes Ferry’s labels and the type, but no data-hash', () => {
    const es = externalSecret({
      creationPolicy: 'CreateOrMerge',
      template: { type: 'kubernetes.io/tls', metadata: { annotations: { a: 'b' } } },
    });
    const secret = desired(es, 'kubernetes.io/tls');
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(secret.metadata?.labels).toEqual({ 'ferry.dev/managed': 'true', 'ferry.dev/owner': 'owner-1' });
    expect(secret.metadata?.annotations).toEqual({ a: 'b' });
    expect(secret.metadata?.ownerReferences).toBeUndefined();
  });

  it('CreateOrMerge into a Secret someone else created writes only the data and the template’s metadata', () => {
    const es = externalSecret({
      creationPolicy: 'CreateOrMerge',
      template: { metadata: { labels: { app: 'web' } } },
    });
    const foreign = { metadata: { name: 'app-secret', labels: { team: 'db' } } };
    const secret = desired(es, 'Opaque', targetRole(es, foreign, 'owner-1'));
    expect(secret).not.toHaveProperty('type');
    expect(secret.metadata?.labels).toEqual({ app: 'web' });
    expect(secret.metadata?.annotations).toEqual({});
    expect(secret.data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
  });

  it('adds the template’s labels and annotations; Ferry’s own markers win a clash', () => {
    const { metadata } = desiredSecret({
      ...desiredOptions(externalSecret()),
      labels: { app: 'web', 'ferry.dev/managed': 'false' },
      annotations: { 'ferry.dev/data-hash': 'forged', note: 'n' },
    });
    expect(metadata?.labels).toEqual({
      app: 'web',
      'ferry.dev/managed': 'true',
      'ferry.dev/owner': 'owner-1',
    });
    expect(metadata?.annotations).toEqual({ note: 'n', 'ferry.dev/data-hash': 'hash-1' });
  });

  it.each(['Merge', 'CreateOrMerge', 'Owner', 'Orphan'])(
    'never writes a key under ferry.dev/ that a template rendered (creationPolicy %s)',
    (creationPolicy) => {
      // A Merge target with a forged owner label would be adopted, and deleted, by another ExternalSecret.
      const es = externalSecret({ creationPolicy });
      const { metadata } = desiredSecret({
        ...desiredOptions(es),
        role: creationPolicy === 'CreateOrMerge' ? 'merged' : targetRole(es, undefined, 'owner-1'),
        labels: { app: 'web', 'ferry.dev/managed': 'true', 'ferry.dev/owner': 'victim', 'ferry.dev/x': 'y' },
        annotations: { note: 'n', 'ferry.dev/data-hash': 'forged', 'ferry.dev/template-inputs-hash': 'f' },
      });
      const forged = (entries: Record<string, string> | undefined) =>
        Object.entries(entries ?? {}).filter(([, value]) => ['victim', 'forged', 'y', 'f'].includes(value));
      expect(forged(metadata?.labels)).toEqual([]);
      expect(forged(metadata?.annotations)).toEqual([]);
      expect(metadata?.labels?.['app']).toBe('web');
      expect(metadata?.annotations?.['note']).toBe('n');
      if (creationPolicy === 'Merge' || creationPolicy === 'CreateOrMerge') {
        expect(Object.keys(metadata?.labels ?? {})).toEqual(['app']);
        expect(Object.keys(metadata?.annotations ?? {})).toEqual(['note']);
      }
    },
  );

  it('writes the template-inputs hash it is given, as Ferry’s own annotation', () => {
    const { metadata } = desiredSecret({
      ...desiredOptions(externalSecret()),
      templateInputsHash: 'inputs-1',
    });
    expect(metadata?.annotations?.['ferry.dev/template-inputs-hash']).toBe('inputs-1');
  });

  it('marks the Secret immutable only when asked', () => {
    expect(desired(externalSecret({ immutable: true })).immutable).toBe(true);
    expect(desired(externalSecret({ immutable: false }))).not.toHaveProperty('immutable');
    expect(desired(externalSecret())).not.toHaveProperty('immutable');
  });

  it('encodes binary values exactly', () => {
    const secret = desiredSecret({
      es: externalSecret(),
      name: 'bin',
      data: { blob: new Uint8Array([0x00, 0xff, 0x80]) },
      labels: {},
      annotations: {},
      type: 'Opaque',
      hash: 'h',
      owner: 'o',
      role: 'owned',
    });
    expect(secret.data).toEqual({ blob: 'AP+A' });
  });
});

describe('targetSecretName', () => {
  it('is target.name, else the ExternalSecret’s name', () => {
    expect(targetSecretName(externalSecret({ name: 'other' }))).toBe('other');
    expect(targetSecretName(externalSecret())).toBe('app');
  });
});

describe('finalizersFor (template.metadata.finalizers)', () => {
  const es = externalSecret({
    template: { metadata: { finalizers: ['example.com/keep', 'example.com/audit'] } },
  });
  const live = (metadata: Record<string, unknown>): LiveTarget => ({
    metadata,
    type: 'Opaque',
    immutable: false,
    dataHash: 'hash-1',
  });

  it('puts the template’s finalizers on the Secret', () => {
    const finalizers = finalizersFor(es, live({ finalizers: ['other.io/theirs'] }));
    expect(finalizers).toEqual(['example.com/keep', 'example.com/audit']);
    expect(desiredSecret({ ...desiredOptions(es), finalizers }).metadata?.finalizers).toEqual([
      'example.com/keep',
      'example.com/audit',
    ]);
    expect(desired(externalSecret()).metadata?.finalizers).toBeUndefined();
  });

  it('adds none to a Secret being deleted, and keeps those it already has', () => {
    const terminating = live({ deletionTimestamp: new Date(0), finalizers: ['example.com/audit'] });
    expect(finalizersFor(es, terminating)).toEqual(['example.com/audit']);
  });

  it('refuses a finalizer name the API server would refuse, at admission', () => {
    expect(() => externalSecret({ template: { metadata: { finalizers: ['keep'] } } })).toThrow(
      'expected a qualified finalizer name such as example.com/keep',
    );
  });
});
