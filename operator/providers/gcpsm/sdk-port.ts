// The SecretManagerPort over @google-cloud/secret-manager: one SDK client per store, built with every
// option explicit (endpoint, port, transport, TLS, auth) so nothing is read from the environment
// except by Application Default Credentials, which ESO documents as its default.
import { SecretManagerServiceClient, type protos } from '@google-cloud/secret-manager';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { authClientFor } from './google-auth.ts';
import { toProviderError, type FailedCall } from './grpc-error.ts';
import type { AuthPlan } from './resolve-auth.ts';
import type { RemoteSecret, RemoteVersion, SecretManagerPort } from './secret-manager-port.ts';
import type { ServiceEndpoint } from './service-endpoint.ts';

export interface SdkPortOptions {
  endpoint: ServiceEndpoint;
  transport: 'gRPC' | 'REST';
  auth: AuthPlan;
  projectID: string;
  /** `project "p"` or `project "p" location "l"`, for messages. */
  scope: string;
  /** The bound of one call, retries included. */
  callTimeoutMs: number;
}

const listPageSize = 250;

export function createSdkPort(options: SdkPortOptions): SecretManagerPort {
  const { endpoint, transport, scope, callTimeoutMs } = options;
  const authClient = authClientFor(options.auth);
  const client = new SecretManagerServiceClient({
    apiEndpoint: endpoint.host,
    port: endpoint.port,
    projectId: options.projectID,
    fallback: transport === 'REST',
    protocol: endpoint.plaintext ? 'http' : 'https',
    // grpc-js is the instance google-gax loads; plaintext only when the store says http://.
    ...(endpoint.plaintext && transport === 'gRPC' ? { sslCreds: grpcCredentials.createInsecure() } : {}),
    ...(authClient === undefined ? {} : { authClient }),
  });
  const server = `${endpoint.plaintext ? 'http' : 'https'}://${endpoint.host}:${String(endpoint.port)} (${transport})`;
  // Retries stay with the controller's backoff and the store's rate limit; one call is one attempt.
  const callOptions = { timeout: callTimeoutMs, maxRetries: 0 };

  async function call<T>(
    failed: Omit<FailedCall, 'scope' | 'server'>,
    signal: AbortSignal,
    run: () => Promise<T>,
  ): Promise<T> {
    signal.throwIfAborted();
    const deadline = AbortSignal.timeout(callTimeoutMs + 1_000);
    const stop = AbortSignal.any([signal, deadline]);
    // The SDK's promise cannot be cancelled; the call ends on its own timeout, the caller does not wait.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(
          signal.aborted ? (signal.reason as Error) : Object.assign(new Error('timed out'), { code: 4 }),
        );
      };
      stop.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([run(), aborted]);
    } catch (error) {
      if (signal.aborted) throw signal.reason as Error;
      throw toProviderError(error, { ...failed, scope, server });
    } finally {
      if (onAbort) stop.removeEventListener('abort', onAbort);
    }
  }

  return {
    accessVersion: (name, subject, signal) =>
      call({ action: `access ${subject}`, subject }, signal, async () => {
        const [response] = await client.accessSecretVersion({ name }, callOptions);
        return payloadBytes(response.payload?.data);
      }),

    getSecret: (name, subject, signal) =>
      call({ action: `read the metadata of ${subject}`, subject }, signal, async () => {
        const [secret] = await client.getSecret({ name }, callOptions);
        return remoteSecret(secret);
      }),

    listSecrets: (parent, filter, signal) =>
      call({ action: 'list secrets', subject: 'the project or location' }, signal, async () => {
        const secrets: RemoteSecret[] = [];
        let pageToken: string | null = null;
        do {
          signal.throwIfAborted();
          const [page, , response]: ListSecretsPage = await client.listSecrets(
            { parent, filter: filter ?? null, pageSize: listPageSize, pageToken },
            { ...callOptions, autoPaginate: false },
          );
          secrets.push(...page.map(remoteSecret));
          pageToken = response.nextPageToken || null;
        } while (pageToken);
        return secrets;
      }),

    listVersions: (name, subject, signal) =>
      call({ action: `list the versions of ${subject}`, subject }, signal, async () => {
        const versions: RemoteVersion[] = [];
        let pageToken: string | null = null;
        do {
          signal.throwIfAborted();
          const [page, , response]: ListVersionsPage = await client.listSecretVersions(
            { parent: name, filter: 'state:ENABLED', pageSize: listPageSize, pageToken },
            { ...callOptions, autoPaginate: false },
          );
          versions.push(...page.map(remoteVersion));
          pageToken = response.nextPageToken || null;
        } while (pageToken);
        return versions;
      }),

    probe: (parent, signal) =>
      call({ action: 'list secrets', subject: 'the project or location' }, signal, async () => {
        await client.listSecrets({ parent, pageSize: 1 }, { ...callOptions, autoPaginate: false });
      }),

    close: () => client.close(),
  };
}

type SdkSecret = protos.google.cloud.secretmanager.v1.ISecret;
type SdkVersion = protos.google.cloud.secretmanager.v1.ISecretVersion;
// The SDK's list calls without auto-pagination answer [items, next request, raw response].
type ListSecretsPage = [
  SdkSecret[],
  unknown,
  protos.google.cloud.secretmanager.v1.IListSecretsResponse | undefined,
];
type ListVersionsPage = [
  SdkVersion[],
  unknown,
  protos.google.cloud.secretmanager.v1.IListSecretVersionsResponse,
];

function remoteSecret(secret: SdkSecret): RemoteSecret {
  return { name: secret.name ?? '', labels: { ...secret.labels }, annotations: { ...secret.annotations } };
}

const versionStates = ['UNKNOWN', 'ENABLED', 'DISABLED', 'DESTROYED'] as const;

function remoteVersion(version: SdkVersion): RemoteVersion {
  const state = typeof version.state === 'number' ? versionStates[version.state] : version.state;
  return {
    name: version.name ?? '',
    state: state === 'ENABLED' || state === 'DISABLED' || state === 'DESTROYED' ? state : 'UNKNOWN',
    createdAt: timestampMs(version.createTime),
  };
}

function timestampMs(time: SdkVersion['createTime']): number {
  if (!time) return 0;
  const seconds = Number(time.seconds ?? 0);
  return seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

function payloadBytes(data: Uint8Array | string | null | undefined): Uint8Array {
  if (data === null || data === undefined) return new Uint8Array();
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'base64'));
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
