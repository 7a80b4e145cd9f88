// The SecretsManagerPort over the AWS SDK. Imported lazily by the provider, so the SDK loads only
// when an aws store is used.
import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type Tag,
} from '@aws-sdk/client-secrets-manager';
import { ProviderError } from '../errors.ts';
import type { ProviderTransport } from '../types.ts';
import type { AwsConnection } from './aws-connection.ts';
import { credentialVerdict, toProviderError, type FailedCall } from './aws-error.ts';
import { roleChain } from './role-chain.ts';
import { sdkCall } from './sdk-call.ts';
import { endpointLabel, sdkClientOptions } from './sdk-options.ts';
import type { RemoteValue, SecretListing, SecretsManagerPort } from './secrets-port.ts';
import { describeVersion } from './version-selector.ts';

const utf8 = new TextEncoder();
/** ListSecrets' page size limit; the page count bound keeps a runaway listing finite. */
const pageSize = 100;
const maxPages = 1_000;

export function createSdkPort(connection: AwsConnection, transport: ProviderTransport): SecretsManagerPort {
  const chain = roleChain(connection, transport);
  const client = new SecretsManagerClient({
    ...sdkClientOptions(connection.region, connection.endpoint, transport),
    ...(chain.credentials === undefined ? {} : { credentials: chain.credentials }),
  });
  const endpoint = endpointLabel(connection.region, connection.endpoint);
  const secretCall = (
    secretId: string,
    action: string,
    permission: string,
    notFound: string,
  ): FailedCall => ({
    service: 'Secrets Manager',
    action: `${action} secret "${secretId}"`,
    permission,
    endpoint,
    notFound,
  });

  return {
    async getSecretValue(secretId, version, signal) {
      const call = secretCall(
        secretId,
        'read',
        'secretsmanager:GetSecretValue',
        'versionStage' in version && version.versionStage === 'AWSCURRENT'
          ? `secret "${secretId}" not found`
          : `secret "${secretId}" at ${describeVersion(version)} not found`,
      );
      const answer = await sdkCall(signal, call, (abortSignal) =>
        client.send(
          new GetSecretValueCommand({
            SecretId: secretId,
            ...('versionId' in version
              ? { VersionId: version.versionId }
              : { VersionStage: version.versionStage }),
          }),
          { abortSignal },
        ),
      );
      return remoteValue(answer.Name ?? secretId, answer.SecretString, answer.SecretBinary);
    },

    async batchGetSecretValues(secretIds, signal) {
      const values: RemoteValue[] = [];
      const call: FailedCall = {
        service: 'Secrets Manager',
        action: `read ${String(secretIds.length)} secrets in one batch`,
        permission: 'secretsmanager:BatchGetSecretValue and secretsmanager:GetSecretValue on them',
        endpoint,
      };
      let nextToken: string | undefined;
      do {
        const answer = await sdkCall(signal, call, (abortSignal) =>
          client.send(
            new BatchGetSecretValueCommand({
              SecretIdList: [...secretIds],
              ...(nextToken === undefined ? {} : { NextToken: nextToken }),
            }),
            { abortSignal },
          ),
        );
        for (const entry of answer.SecretValues ?? []) {
          if (entry.Name !== undefined)
            values.push(remoteValue(entry.Name, entry.SecretString, entry.SecretBinary));
        }
        for (const failure of answer.Errors ?? []) {
          const secretId = failure.SecretId ?? '';
          const error = toProviderError(
            { name: failure.ErrorCode ?? 'Error', message: failure.Message ?? '' },
            secretCall(secretId, 'read', 'secretsmanager:GetSecretValue', `secret "${secretId}" not found`),
          );
          // Deleted between ListSecrets and now: gone, as if it had not been listed.
          if (error.reason !== 'SecretNotFound') throw error;
        }
        nextToken = answer.NextToken;
      } while (nextToken !== undefined);
      return values;
    },

    async listSecrets(filters, signal) {
      const listings: SecretListing[] = [];
      const call: FailedCall = {
        service: 'Secrets Manager',
        action: 'list secrets',
        permission: 'secretsmanager:ListSecrets',
        endpoint,
      };
      let nextToken: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const answer = await sdkCall(signal, call, (abortSignal) =>
          client.send(
            new ListSecretsCommand({
              MaxResults: pageSize,
              ...(filters.length === 0
                ? {}
                : { Filters: filters.map((filter) => ({ Key: filter.key, Values: filter.values })) }),
              ...(nextToken === undefined ? {} : { NextToken: nextToken }),
            }),
            { abortSignal },
          ),
        );
        for (const secret of answer.SecretList ?? []) {
          if (secret.Name !== undefined) listings.push({ name: secret.Name, tags: tagMap(secret.Tags) });
        }
        nextToken = answer.NextToken;
        if (nextToken === undefined) return listings;
      }
      throw new ProviderError(
        'ProviderError',
        `aws: more than ${String(maxPages * pageSize)} secrets match; narrow find with path, tags or a name prefix`,
        { retryable: false },
      );
    },

    async describeSecretTags(secretId, signal) {
      const call = secretCall(
        secretId,
        'describe',
        'secretsmanager:DescribeSecret',
        `secret "${secretId}" not found`,
      );
      const answer = await sdkCall(signal, call, (abortSignal) =>
        client.send(new DescribeSecretCommand({ SecretId: secretId }), { abortSignal }),
      );
      return tagMap(answer.Tags);
    },

    // A signed call any reader may be allowed: AWS checks the credentials before the permission.
    checkCredentials(signal) {
      const call: FailedCall = {
        service: 'Secrets Manager',
        action: 'list secrets',
        permission: 'secretsmanager:ListSecrets',
        endpoint,
      };
      return sdkCall(
        signal,
        call,
        async (abortSignal) => {
          await client.send(new ListSecretsCommand({ MaxResults: 1 }), { abortSignal });
          return 'accepted' as const;
        },
        credentialVerdict,
      );
    },

    // Nothing to release: client.destroy() would destroy the agents other stores share, and the
    // SDK clients hold nothing else that outlives them.
    close() {},
  };
}

function remoteValue(name: string, text: string | undefined, binary: Uint8Array | undefined): RemoteValue {
  if (text !== undefined) return { name, value: utf8.encode(text) };
  return { name, value: binary };
}

function tagMap(tags: Tag[] | undefined): Record<string, string> {
  const map = Object.create(null) as Record<string, string>;
  for (const { Key, Value } of tags ?? []) if (Key !== undefined) map[Key] = Value ?? '';
  return map;
}
