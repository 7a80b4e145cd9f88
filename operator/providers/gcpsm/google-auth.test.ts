import { IdentityPoolClient, JWT, PassThroughClient } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { authClientFor, cloudPlatformScope } from './google-auth.ts';

// Builds the clients only: nothing here talks to Google (their token calls are lazy).
describe('gcpsm google-auth clients', () => {
  it('adds no Authorization header for a plaintext emulator endpoint', async () => {
    const client = authClientFor({ kind: 'none' });
    expect(client).toBeInstanceOf(PassThroughClient);
    const headers = await client?.getRequestHeaders();
    expect(headers?.has('authorization')).toBe(false);
  });

  it('signs as the service account of the key, for the cloud-platform scope', () => {
    const client = authClientFor({
      kind: 'serviceAccountKey',
      clientEmail: 'reader@acme.iam.gserviceaccount.com',
      privateKey: 'unused',
      privateKeyId: 'k1',
    });
    expect(client).toBeInstanceOf(JWT);
    expect((client as JWT).email).toBe('reader@acme.iam.gserviceaccount.com');
    expect((client as JWT).scopes).toEqual([cloudPlatformScope]);
  });

  it('hands the resolved Kubernetes token to STS and impersonates the named account', async () => {
    const client = authClientFor({
      kind: 'externalAccount',
      audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/k8s',
      subjectToken: 'k8s-token',
      impersonate: 'reader@acme.iam.gserviceaccount.com',
    });
    expect(client).toBeInstanceOf(IdentityPoolClient);
    const pool = client as IdentityPoolClient;
    expect(await pool.retrieveSubjectToken()).toBe('k8s-token');
    expect(pool.getServiceAccountEmail()).toBe('reader@acme.iam.gserviceaccount.com');
  });

  it('leaves Application Default Credentials to the SDK', () => {
    expect(authClientFor({ kind: 'applicationDefault' })).toBeUndefined();
  });
});
