import { describe, expect, it } from 'vitest';
import { awsConfigSchema } from '../config-schemas.ts';
import { InvalidConfigError } from '../errors.ts';
import type { AWSProviderConfig } from '../types.ts';
import { awsCredentialRefs } from './credential-refs.ts';

const config = (overrides: Record<string, unknown>): AWSProviderConfig =>
  awsConfigSchema.parse({ service: 'SecretsManager', region: 'eu-west-1', ...overrides });
const role = 'arn:aws:iam::123456789012:role/reader';

describe('awsCredentialRefs', () => {
  it('asks for the access key, secret key and session token of auth.secretRef, keeping namespaces', () => {
    const refs = awsCredentialRefs(
      config({
        auth: {
          secretRef: {
            accessKeyIDSecretRef: { name: 'aws', key: 'id', namespace: 'ops' },
            secretAccessKeySecretRef: { name: 'aws', key: 'secret', namespace: 'ops' },
            sessionTokenSecretRef: { name: 'aws', key: 'token', namespace: 'ops' },
          },
        },
      }),
    );
    expect(refs).toEqual([
      { name: 'accessKeyID', kind: 'secretKey', secretName: 'aws', key: 'id', namespace: 'ops' },
      { name: 'secretAccessKey', kind: 'secretKey', secretName: 'aws', key: 'secret', namespace: 'ops' },
      { name: 'sessionToken', kind: 'secretKey', secretName: 'aws', key: 'token', namespace: 'ops' },
    ]);
  });

  it('asks for a TokenRequest token with audience sts.amazonaws.com first, then the extra audiences', () => {
    const refs = awsCredentialRefs(
      config({
        role,
        auth: {
          jwt: {
            serviceAccountRef: {
              name: 'reader',
              namespace: 'apps',
              audiences: ['extra', 'sts.amazonaws.com'],
            },
          },
        },
      }),
    );
    expect(refs).toEqual([
      {
        name: 'webIdentityToken',
        kind: 'serviceAccountToken',
        serviceAccountName: 'reader',
        namespace: 'apps',
        audiences: ['sts.amazonaws.com', 'extra'],
      },
    ]);
  });

  it("with auth.jwt and no role, also asks for the ServiceAccount's eks.amazonaws.com/role-arn annotation, as ESO", () => {
    const refs = awsCredentialRefs(config({ auth: { jwt: { serviceAccountRef: { name: 'reader' } } } }));
    expect(refs).toContainEqual({
      name: 'roleArn',
      kind: 'serviceAccountAnnotation',
      serviceAccountName: 'reader',
      namespace: undefined,
      annotation: 'eks.amazonaws.com/role-arn',
    });
    const withRole = awsCredentialRefs(
      config({ auth: { jwt: { serviceAccountRef: { name: 'reader' } } }, role }),
    );
    expect(withRole.map((ref) => ref.kind)).toEqual(['serviceAccountToken']);
  });

  it("asks for the operator's own identity when auth is unset (the SDK's default chain), even to assume a role", () => {
    for (const spec of [{}, { role }]) {
      expect(awsCredentialRefs(config(spec))).toEqual([
        {
          name: 'operatorIdentity',
          kind: 'operatorIdentity',
          identity: expect.stringContaining("the AWS SDK's default credential chain") as unknown,
          instead: 'auth.secretRef or auth.jwt',
        },
      ]);
    }
  });

  it('requires the key of every Secret selector, naming the field', () => {
    expect(() =>
      awsCredentialRefs(
        config({
          auth: {
            secretRef: {
              accessKeyIDSecretRef: { name: 'aws', key: 'id' },
              secretAccessKeySecretRef: { name: 'aws' },
            },
          },
        }),
      ),
    ).toThrow(
      new InvalidConfigError(
        'aws: auth.secretRef.secretAccessKeySecretRef.key is required: name the key of Secret "aws" to read',
      ),
    );
  });

  it.each([
    [
      { service: 'ParameterStore' },
      'service ParameterStore is not supported by Ferry yet; use SecretsManager',
    ],
    [{ sessionTagsPolicy: 'Simple' }, 'sessionTagsPolicy Simple and Custom are not supported by Ferry yet'],
    [
      {
        auth: {
          secretRef: {
            accessKeyIDSecretRef: { name: 'a', key: 'b' },
            secretAccessKeySecretRef: { name: 'a', key: 'c' },
          },
          jwt: { serviceAccountRef: { name: 'sa' } },
        },
        role,
      },
      'auth takes at most one of secretRef or jwt',
    ],
    [{ externalID: 'shared-id' }, 'externalID, sessionTags and transitiveTagKeys apply when assuming role'],
    [
      { auth: { jwt: { serviceAccountRef: { name: 'sa' } } }, role, externalID: 'shared-id' },
      'put that web identity role first in additionalRoles',
    ],
  ])('rejects what the CRD rejects at admission: %j', (overrides, message) => {
    expect(() => awsCredentialRefs(config(overrides))).toThrow(InvalidConfigError);
    expect(() => awsCredentialRefs(config(overrides))).toThrow(message);
  });

  it('accepts a web identity role in additionalRoles with an external ID for role', () => {
    const refs = awsCredentialRefs(
      config({
        auth: { jwt: { serviceAccountRef: { name: 'sa' } } },
        additionalRoles: ['arn:aws:iam::123456789012:role/irsa'],
        role,
        externalID: 'shared-id',
      }),
    );
    expect(refs.map((ref) => ref.name)).toEqual(['webIdentityToken']);
  });
});
