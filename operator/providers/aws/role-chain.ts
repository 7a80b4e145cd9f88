// The identity that reads secrets: the store's base credentials, then each role of the chain
// assumed with the credentials before it. Each step is a credential provider the next SDK client
// memoises: the SDK shares one refresh among concurrent calls (single-flight) and refreshes
// temporary credentials five minutes before they expire, so a store logs in once per session, not
// once per call.
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import { InvalidConfigError, ProviderError } from '../errors.ts';
import type { ProviderTransport } from '../types.ts';
import type { AwsConnection, RoleToAssume } from './aws-connection.ts';
import type { FailedCall } from './aws-error.ts';
import { sdkCall } from './sdk-call.ts';
import { endpointLabel, sdkClientOptions } from './sdk-options.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

/** AWS's default for AssumeRole, and the most a chained role session may last. */
const sessionSeconds = 3600;

export interface RoleChain {
  /** Undefined: the SDK's default chain. */
  credentials: CredentialSource | undefined;
}

export function roleChain(connection: AwsConnection, transport: ProviderTransport): RoleChain {
  const { base, roles, region, stsEndpoint } = connection;
  if (base.kind === 'webIdentity' && roles.length === 0) {
    throw new InvalidConfigError(
      "aws: auth.jwt needs role: the IAM role to assume with the ServiceAccount's token",
    );
  }
  const stsClient = (credentials: CredentialSource | undefined): STSClient =>
    new STSClient({
      ...sdkClientOptions(region, stsEndpoint, transport),
      ...(credentials === undefined ? {} : { credentials }),
    });
  const endpoint = endpointLabel(region, stsEndpoint);

  let credentials: CredentialSource | undefined =
    base.kind === 'accessKey'
      ? {
          accessKeyId: base.accessKeyId,
          secretAccessKey: base.secretAccessKey,
          ...(base.sessionToken === undefined ? {} : { sessionToken: base.sessionToken }),
        }
      : undefined;
  for (const [index, role] of roles.entries()) {
    credentials =
      index === 0 && base.kind === 'webIdentity'
        ? webIdentitySession(stsClient(undefined), role.roleArn, base.token, endpoint)
        : roleSession(stsClient(credentials), role, endpoint);
  }
  return { credentials };
}

function roleSession(sts: STSClient, role: RoleToAssume, endpoint: string): () => Promise<AwsCredentials> {
  const call: FailedCall = {
    service: 'STS',
    action: `assume role ${role.roleArn}`,
    permission: `sts:AssumeRole${role.tags ? ' and sts:TagSession' : ''} on it, through a trust policy that names the store's identity${role.externalId === undefined ? '' : ' and this externalID'}`,
    endpoint,
  };
  return async () => {
    const answer = await sdkCall(new AbortController().signal, call, (abortSignal) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: sessionName(),
          DurationSeconds: sessionSeconds,
          ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
          ...(role.tags === undefined
            ? {}
            : { Tags: role.tags.map(({ key, value }) => ({ Key: key, Value: value })) }),
          ...(role.transitiveTagKeys === undefined ? {} : { TransitiveTagKeys: role.transitiveTagKeys }),
        }),
        { abortSignal },
      ),
    );
    return sessionCredentials(answer.Credentials, call);
  };
}

function webIdentitySession(
  sts: STSClient,
  roleArn: string,
  token: string,
  endpoint: string,
): () => Promise<AwsCredentials> {
  const call: FailedCall = {
    service: 'STS',
    action: `assume role ${roleArn} with the ServiceAccount's token`,
    permission:
      "sts:AssumeRoleWithWebIdentity on it, through a trust policy that names the cluster's OIDC provider, this ServiceAccount and the audience sts.amazonaws.com",
    endpoint,
  };
  return async () => {
    // An unsigned call: the token is the credential.
    const answer = await sdkCall(new AbortController().signal, call, (abortSignal) =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName(),
          WebIdentityToken: token,
          DurationSeconds: sessionSeconds,
        }),
        { abortSignal },
      ),
    );
    return sessionCredentials(answer.Credentials, call);
  };
}

function sessionCredentials(credentials: StsCredentials | undefined, call: FailedCall): AwsCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new ProviderError('ProviderError', `aws: STS returned no credentials to ${call.action}`, {
      retryable: true,
    });
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
  };
}

// Seen in CloudTrail as the session of the role; unique per session.
function sessionName(): string {
  return `ferry-${String(Date.now())}`;
}
