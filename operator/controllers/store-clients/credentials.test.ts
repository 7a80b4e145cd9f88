import { describe, expect, it } from 'vitest';
import type { ClusterClient } from '../../kube/index.ts';
import type { CredentialRef } from '../../providers/index.ts';
import { OperatorIdentityRefusedError, resolveCredentials, type StoreScope } from './credentials.ts';

const operatorIdentity: CredentialRef = {
  name: 'operatorIdentity',
  kind: 'operatorIdentity',
  identity: "the operator's own AWS identity (the default chain)",
  instead: 'auth.secretRef or auth.jwt',
};
// The operator's identity is decided without a single request: any use of the client fails the test.
const noKube = new Proxy({} as ClusterClient, {
  get: () => {
    throw new Error('the Kubernetes API was called');
  },
});
const secretStore: StoreScope = { kind: 'SecretStore', name: 'no-auth', namespace: 'team-a' };
const clusterStore: StoreScope = { kind: 'ClusterSecretStore', name: 'shared', namespace: undefined };

describe("the operator's own identity", () => {
  it('is refused to a namespaced SecretStore, with a message that says what to do instead', async () => {
    const refused = resolveCredentials([operatorIdentity], secretStore, noKube, { provider: 'aws' });
    await expect(refused).rejects.toThrow(OperatorIdentityRefusedError);
    await expect(refused).rejects.toThrow(
      `SecretStore "no-auth": spec.provider.aws brings no credentials of its own, so it would use the operator's own AWS identity (the default chain), which a namespaced SecretStore may not: add auth.secretRef or auth.jwt, use a ClusterSecretStore, or ask the cluster operator to start Ferry with --namespaced-stores-ambient-credentials`,
    );
  });

  it('is granted to a ClusterSecretStore, and to a SecretStore when the cluster operator allows it', async () => {
    const granted = { operatorIdentity: new Uint8Array(0) };
    expect((await resolveCredentials([operatorIdentity], clusterStore, noKube)).values).toEqual(granted);
    const allowed = await resolveCredentials([operatorIdentity], secretStore, noKube, {
      operatorIdentityForSecretStores: true,
    });
    expect(allowed.values).toEqual(granted);
  });

  it('is not granted where it is not asked for', async () => {
    expect((await resolveCredentials([], clusterStore, noKube)).values).toEqual({});
  });
});
