import { describe, expect, it } from 'vitest';
import { awsConfigSchema } from '../config-schemas.ts';
import { InvalidConfigError } from '../errors.ts';
import type { AWSProviderConfig } from '../types.ts';
import { resolveConnection } from './resolve-connection.ts';

const config = (overrides: Record<string, unknown>): AWSProviderConfig =>
  awsConfigSchema.parse({ service: 'SecretsManager', region: 'eu-west-1', ...overrides });
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const secretRef = {
  accessKeyIDSecretRef: { name: 'aws', key: 'id' },
  secretAccessKeySecretRef: { name: 'aws', key: 'secret' },
};
/** The controller's grant of the operator's own identity (a ClusterSecretStore, or the flag). */
const granted = { operatorIdentity: new Uint8Array(0) };
const roleA = 'arn:aws:iam::111111111111:role/a';
const roleB = 'arn:aws:iam::222222222222:role/b';

describe('resolveConnection', () => {
  it('reads the access key pair, trimming the newline a pasted value ends with', () => {
    const connection = resolveConnection(config({ auth: { secretRef } }), {
      accessKeyID: bytes('AKIAEXAMPLE\n'),
      secretAccessKey: bytes('c2VjcmV0-key-Jx2\n'),
    });
    expect(connection).toEqual({
      region: 'eu-west-1',
      base: { kind: 'accessKey', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'c2VjcmV0-key-Jx2' },
      roles: [],
    });
  });

  it('takes the session token of temporary keys', () => {
    const connection = resolveConnection(
      config({ auth: { secretRef: { ...secretRef, sessionTokenSecretRef: { name: 'aws', key: 'token' } } } }),
      { accessKeyID: bytes('ASIAEXAMPLE'), secretAccessKey: bytes('k'), sessionToken: bytes('FQoG-token') },
    );
    expect(connection.base).toMatchObject({ kind: 'accessKey', sessionToken: 'FQoG-token' });
  });

  it('lays out additionalRoles, then role with its external ID and session tags', () => {
    const connection = resolveConnection(
      config({
        additionalRoles: [roleA],
        role: roleB,
        externalID: 'shared-id',
        sessionTags: [{ key: 'team', value: 'payments' }],
        transitiveTagKeys: ['team'],
        endpoint: 'https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com',
        stsEndpoint: 'https://sts.eu-west-1.amazonaws.com',
      }),
      granted,
    );
    expect(connection).toEqual({
      region: 'eu-west-1',
      endpoint: 'https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com',
      stsEndpoint: 'https://sts.eu-west-1.amazonaws.com',
      base: { kind: 'defaultChain' },
      roles: [
        { roleArn: roleA },
        {
          roleArn: roleB,
          externalId: 'shared-id',
          tags: [{ key: 'team', value: 'payments' }],
          transitiveTagKeys: ['team'],
        },
      ],
    });
  });

  it("refuses the SDK's default chain unless the controller granted the operator's identity", () => {
    const run = () => resolveConnection(config({ role: roleA }), {});
    expect(run).toThrow(InvalidConfigError);
    expect(run).toThrow(
      "aws: this store has no credentials of its own and was not granted the operator's own AWS identity",
    );
    expect(resolveConnection(config({}), granted).base).toEqual({ kind: 'defaultChain' });
  });

  it('exchanges the ServiceAccount token for the first role', () => {
    const connection = resolveConnection(
      config({ auth: { jwt: { serviceAccountRef: { name: 'reader' } } }, role: roleA }),
      { webIdentityToken: bytes('eyJhbGciOi.token.sig\n') },
    );
    expect(connection.base).toEqual({ kind: 'webIdentity', token: 'eyJhbGciOi.token.sig' });
    expect(connection.roles).toEqual([{ roleArn: roleA }]);
  });

  it('refuses missing, empty and malformed credentials without quoting them', () => {
    const store = config({ auth: { secretRef } });
    expect(() => resolveConnection(store, { accessKeyID: bytes('AKIA') })).toThrow(
      new InvalidConfigError(
        'aws: the credential of auth.secretRef.secretAccessKeySecretRef was not resolved',
      ),
    );
    expect(() =>
      resolveConnection(store, { accessKeyID: bytes('  \n'), secretAccessKey: bytes('k') }),
    ).toThrow('aws: the credential of auth.secretRef.accessKeyIDSecretRef is empty');
    let caught: unknown;
    try {
      resolveConnection(store, { accessKeyID: bytes('AKIA'), secretAccessKey: bytes('two words-Zq9') });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidConfigError);
    expect((caught as Error).message).toContain('contains whitespace');
    expect((caught as Error).message).not.toContain('Zq9');
  });
});
