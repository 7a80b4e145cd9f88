import { describe, expect, it } from 'vitest';
import { gcpsmConfigSchema } from '../config-schemas.ts';
import { InvalidConfigError } from '../errors.ts';
import { gcpsmCredentialRefs } from './credential-refs.ts';
import { resolveAuth } from './resolve-auth.ts';
import { resolveServiceEndpoint } from './service-endpoint.ts';

const utf8 = new TextEncoder();
const config = (block: Record<string, unknown>) => gcpsmConfigSchema.parse({ projectID: 'acme', ...block });
const plan = (block: Record<string, unknown>, credentials: Record<string, string> = {}) => {
  const parsed = config(block);
  const resolved = Object.fromEntries(
    Object.entries(credentials).map(([name, value]) => [name, utf8.encode(value)]),
  );
  return resolveAuth(parsed, resolved, resolveServiceEndpoint(parsed));
};
const keyRef = { secretRef: { secretAccessKeySecretRef: { name: 'gcp-key', key: 'key.json' } } };
const privateKey = '-----BEGIN PRIVATE KEY-----\nMIIEvQ-not-a-real-key-Qz81\n-----END PRIVATE KEY-----\n';
const serviceAccountKey = JSON.stringify({
  type: 'service_account',
  client_email: 'reader@acme.iam.gserviceaccount.com',
  private_key: privateKey,
  private_key_id: 'k1',
});

describe('gcpsm credentials and auth', () => {
  it('uses Application Default Credentials when auth is empty, as ESO, once the controller grants the operator’s identity', () => {
    expect(gcpsmCredentialRefs(config({}))).toEqual([
      {
        name: 'operatorIdentity',
        kind: 'operatorIdentity',
        identity: expect.stringContaining('application-default credentials') as unknown,
        instead: 'auth.secretRef, auth.workloadIdentity or auth.workloadIdentityFederation',
      },
    ]);
    expect(plan({}, { operatorIdentity: '' })).toEqual({ kind: 'applicationDefault' });
    expect(() => plan({})).toThrow(
      "gcpsm: this store has no credentials of its own and was not granted the operator's own Google identity",
    );
    // An emulator's plaintext endpoint uses no identity at all, the operator's neither.
    expect(gcpsmCredentialRefs(config({ endpoint: 'http://127.0.0.1:9090' }))).toEqual([]);
  });

  it('sends no credentials at all to a plaintext endpoint, and refuses auth there', () => {
    expect(plan({ endpoint: 'http://127.0.0.1:9090' })).toEqual({ kind: 'none' });
    expect(() => plan({ endpoint: 'http://127.0.0.1:9090', auth: keyRef }, { serviceAccountKey })).toThrow(
      /plaintext and never carries credentials/,
    );
  });

  it('reads a service account key from the Secret the store names', () => {
    expect(gcpsmCredentialRefs(config({ auth: keyRef }))).toEqual([
      {
        name: 'serviceAccountKey',
        kind: 'secretKey',
        secretName: 'gcp-key',
        key: 'key.json',
        namespace: undefined,
      },
    ]);
    expect(plan({ auth: keyRef }, { serviceAccountKey })).toEqual({
      kind: 'serviceAccountKey',
      clientEmail: 'reader@acme.iam.gserviceaccount.com',
      privateKey,
      privateKeyId: 'k1',
    });
  });

  it('says what is wrong with a bad key without quoting it', () => {
    const cases = [
      '{"type":"service_account", not json Qz81',
      JSON.stringify({ type: 'authorized_user', refresh_token: 'Qz81' }),
    ];
    for (const key of cases) {
      const failure = (() => {
        try {
          plan({ auth: keyRef }, { serviceAccountKey: key });
        } catch (error) {
          return error as Error;
        }
        throw new Error('expected a failure');
      })();
      expect(failure).toBeInstanceOf(InvalidConfigError);
      expect(failure.message).toContain('auth.secretRef.secretAccessKeySecretRef');
      expect(failure.message).not.toContain('Qz81');
      expect(failure.cause).toBeUndefined();
    }
  });

  it('asks for a key name when the selector has none', () => {
    expect(() =>
      gcpsmCredentialRefs(config({ auth: { secretRef: { secretAccessKeySecretRef: { name: 'gcp-key' } } } })),
    ).toThrow(/secretAccessKeySecretRef.key is required/);
  });

  it('exchanges a token for the GKE workload identity pool, as ESO', () => {
    const workloadIdentity = {
      serviceAccountRef: { name: 'ferry', audiences: ['extra'] },
      clusterLocation: 'europe-west1',
      clusterName: 'prod',
      clusterProjectID: 'cluster-project',
    };
    const token = {
      name: 'subjectToken',
      kind: 'serviceAccountToken',
      serviceAccountName: 'ferry',
      namespace: undefined,
      audiences: ['cluster-project.svc.id.goog', 'extra'],
    };
    expect(gcpsmCredentialRefs(config({ auth: { workloadIdentity } }))).toEqual([
      token,
      {
        name: 'gcpServiceAccount',
        kind: 'serviceAccountAnnotation',
        serviceAccountName: 'ferry',
        namespace: undefined,
        annotation: 'iam.gke.io/gcp-service-account',
        optional: true,
      },
    ]);
    const named = { ...workloadIdentity, gcpServiceAccountEmail: 'reader@p.iam.gserviceaccount.com' };
    expect(gcpsmCredentialRefs(config({ auth: { workloadIdentity: named } }))).toEqual([token]);
    expect(plan({ auth: { workloadIdentity } }, { subjectToken: 'k8s-token' })).toEqual({
      kind: 'externalAccount',
      audience:
        'identitynamespace:cluster-project.svc.id.goog:https://container.googleapis.com/v1/projects/cluster-project/locations/europe-west1/clusters/prod',
      subjectToken: 'k8s-token',
      impersonate: undefined,
    });
    // The ServiceAccount's iam.gke.io/gcp-service-account annotation, when it has one: impersonated.
    const annotated = { subjectToken: 'k8s-token', gcpServiceAccount: ' reader@p.iam.gserviceaccount.com\n' };
    expect(plan({ auth: { workloadIdentity } }, annotated)).toMatchObject({
      impersonate: 'reader@p.iam.gserviceaccount.com',
    });
    const spec = { ...workloadIdentity, gcpServiceAccountEmail: 'spec@p.iam.gserviceaccount.com' };
    expect(plan({ auth: { workloadIdentity: spec } }, annotated)).toMatchObject({
      impersonate: 'spec@p.iam.gserviceaccount.com',
    });
    expect(() =>
      plan({ auth: { workloadIdentity } }, { subjectToken: 't', gcpServiceAccount: 'not an email' }),
    ).toThrow(
      "gcpsm: the ServiceAccount's iam.gke.io/gcp-service-account annotation is not a service account email (…@….iam.gserviceaccount.com)",
    );
    expect(() =>
      plan({ auth: { workloadIdentity: { serviceAccountRef: { name: 'ferry' } } } }, { subjectToken: 't' }),
    ).toThrow(/clusterLocation, clusterName/);
  });

  it('exchanges a token at a workload identity pool provider, impersonating when asked', () => {
    const workloadIdentityFederation = {
      serviceAccountRef: { name: 'ferry', namespace: 'ops', audiences: ['//iam.googleapis.com/pool'] },
      audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/k8s',
      gcpServiceAccountEmail: 'reader@acme.iam.gserviceaccount.com',
    };
    expect(gcpsmCredentialRefs(config({ auth: { workloadIdentityFederation } }))).toEqual([
      {
        name: 'subjectToken',
        kind: 'serviceAccountToken',
        serviceAccountName: 'ferry',
        namespace: 'ops',
        audiences: ['//iam.googleapis.com/pool'],
      },
    ]);
    expect(plan({ auth: { workloadIdentityFederation } }, { subjectToken: 'k8s-token' })).toEqual({
      kind: 'externalAccount',
      audience: workloadIdentityFederation.audience,
      subjectToken: 'k8s-token',
      impersonate: 'reader@acme.iam.gserviceaccount.com',
    });
  });

  it('says which workload identity federation sources are not supported yet', () => {
    const credConfig = { credConfig: { name: 'wif', key: 'config.json' } };
    expect(gcpsmCredentialRefs(config({ auth: { workloadIdentityFederation: credConfig } }))).toEqual([]);
    expect(() => plan({ auth: { workloadIdentityFederation: credConfig } })).toThrow(/not implemented yet/);
  });
});
