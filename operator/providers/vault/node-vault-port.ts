// The VaultPort over node-vault. Imported lazily by the provider, so the SDK loads only when a
// vault store is used. node-vault reads VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_PREFIX and
// VAULT_SKIP_VERIFY when an option is empty, and its `debug` logs request bodies (logins carry
// secrets) when DEBUG names it: every one of those is set here, and the token and namespace travel
// as headers of each request rather than as state of the shared client.
import nodeVault from 'node-vault';
import { z } from 'zod';
import type { ProviderTransport } from '../types.ts';
import { redacted } from './redaction.ts';
import type { VaultConnection } from './resolve-setup.ts';
import { untilAborted } from '../until-aborted.ts';
import {
  VaultResponseError,
  VaultUnexpectedAnswerError,
  VaultUnreachableError,
  type IssuedToken,
  type LoginRequest,
  type VaultPort,
  type VaultRequest,
} from './vault-port.ts';

const dataAnswer = z.object({ data: z.record(z.string(), z.unknown()).nullish() });
const listAnswer = z.object({ data: z.object({ keys: z.array(z.string()) }) });
const tokenAnswer = z.object({
  auth: z.object({ client_token: z.string().min(1), lease_duration: z.number(), renewable: z.boolean() }),
});
const lookupAnswer = z.object({ data: z.object({ ttl: z.number(), renewable: z.boolean().optional() }) });
const errorAnswer = z.object({
  errors: z.array(z.string()).optional(),
  data: z
    .object({ data: z.null(), metadata: z.object({ deletion_time: z.string() }).loose() })
    .loose()
    .optional(),
});

export function createNodeVaultPort(connection: VaultConnection, transport: ProviderTransport): VaultPort {
  // The TLS settings live in the shared agent given to each request, so node-vault builds no agent
  // of its own per store. A request's own timeout is a backstop: the store-client layer ends it first.
  const agent = transport.agent(new URL(connection.server).protocol === 'http:' ? 'http:' : 'https:', {
    ca: connection.caPem,
    cert: connection.clientCertificate?.certPem,
    key: connection.clientCertificate?.keyPem,
  });
  const requestTimeoutMs = transport.responseTimeoutMs;
  const options = {
    apiVersion: 'v1',
    endpoint: connection.server,
    pathPrefix: '',
    token: '',
    namespace: '',
    // GET ?list=true, as Vault's own Go client lists, rather than the LIST verb proxies may refuse.
    noCustomHTTPVerbs: true,
    debug: () => undefined,
    requestOptions: {},
    // node-vault's default is `!process.env.VAULT_SKIP_VERIFY`.
    rpDefaults: { strictSSL: true, timeout: requestTimeoutMs },
  };
  const vault = nodeVault(options);
  // The constructor fell back to the environment for the options left empty above; undo that.
  Object.assign(vault, { endpoint: connection.server, pathPrefix: '', token: '', namespace: '' });

  /** Per-call options: fresh headers each time, since node-vault writes into the object it is given. */
  const requestOptions = ({ token, namespace }: VaultRequest) => ({
    headers: {
      ...connection.headers,
      ...(token === undefined ? {} : { 'X-Vault-Token': token }),
      ...(namespace === undefined ? {} : { 'X-Vault-Namespace': namespace }),
    },
    timeout: requestTimeoutMs,
    httpAgent: agent,
    httpsAgent: agent,
  });

  const send = async <T>(
    request: VaultRequest,
    operation: () => Promise<unknown>,
    parse: (answer: unknown) => T,
  ): Promise<T> => {
    const { signal } = request;
    signal.throwIfAborted();
    let answer: unknown;
    try {
      answer = await untilAborted(operation(), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw portError(error);
    } finally {
      // Login and renewal commands store the token they got on the shared client; it is not used.
      vault.token = '';
    }
    return parse(answer);
  };

  const issued = (answer: unknown): IssuedToken => {
    const parsed = tokenAnswer.safeParse(answer);
    if (!parsed.success) throw new VaultUnexpectedAnswerError('auth.client_token');
    const { client_token, lease_duration, renewable } = parsed.data.auth;
    return { token: client_token, leaseDurationSeconds: lease_duration, renewable };
  };

  return {
    read: (path, request) =>
      send(
        request,
        () => vault.read(path, requestOptions(request)),
        (answer) => {
          const parsed = dataAnswer.safeParse(answer);
          if (!parsed.success) throw new VaultUnexpectedAnswerError('data');
          return parsed.data.data ?? {};
        },
      ),

    list: (path, request) =>
      send(
        request,
        () => vault.list(path, requestOptions(request)),
        (answer) => {
          const parsed = listAnswer.safeParse(answer);
          if (!parsed.success) throw new VaultUnexpectedAnswerError('data.keys');
          return parsed.data.data.keys;
        },
      ),

    login: (login, request) => send(request, () => sendLogin(login, requestOptions(request)), issued),

    lookupSelf: (request) =>
      send(
        request,
        () => vault.tokenLookupSelf({ requestOptions: requestOptions(request) }),
        (answer) => {
          // Only the TTL is kept: lookup-self also answers the token itself.
          const parsed = lookupAnswer.safeParse(answer);
          if (!parsed.success) throw new VaultUnexpectedAnswerError('data.ttl');
          return { ttlSeconds: parsed.data.data.ttl, renewable: parsed.data.data.renewable ?? false };
        },
      ),

    renewSelf: (request) =>
      send(request, () => vault.tokenRenewSelf({ requestOptions: requestOptions(request) }), issued),

    revokeSelf: (request) =>
      send(
        request,
        // Not tokenRevokeSelf: a command without a schema sends all its arguments, request options
        // (the agent, the token header) included, as the JSON body.
        () => vault.write('auth/token/revoke-self', {}, requestOptions(request)),
        () => undefined,
      ),
  };

  function sendLogin(login: LoginRequest, options: ReturnType<typeof requestOptions>): Promise<unknown> {
    // node-vault's login commands need mount_point: without it they fall back to their own default
    // mount (kubernetesLogin to a `kubernetesPath` the constructor may have read).
    const mount_point = login.mountPath;
    switch (login.method) {
      case 'appRole':
        return vault.approleLogin({
          mount_point,
          role_id: login.roleId,
          secret_id: login.secretId,
          requestOptions: options,
        });
      case 'kubernetes':
        return vault.kubernetesLogin({
          mount_point,
          role: login.role,
          jwt: login.jwt,
          requestOptions: options,
        });
      case 'jwt':
        return vault.jwtLogin({ mount_point, role: login.role, jwt: login.jwt, requestOptions: options });
      case 'userPass':
        // The username is part of the path, which node-vault does not encode.
        return vault.userpassLogin({
          mount_point,
          username: encodeURIComponent(login.username),
          password: login.password,
          requestOptions: options,
        });
      case 'cert':
        // node-vault's certLogin knows only the default mount; the cert is the TLS handshake's.
        return vault.write(
          `auth/${mount_point}/login`,
          login.role === undefined ? {} : { name: login.role },
          options,
        );
    }
  }
}

/**
 * The SDK's error → the port's. Neither keeps the SDK's error: axios errors carry the request's
 * headers (the token) and body (a login's secrets).
 */
function portError(error: unknown): Error {
  if (typeof error !== 'object' || error === null) return new Error('node-vault failed');
  if ('response' in error && typeof error.response === 'object' && error.response !== null) {
    const { response } = error as { response: { statusCode?: unknown; body?: unknown; status?: unknown } };
    const status = typeof response.statusCode === 'number' ? response.statusCode : undefined;
    if (status !== undefined) {
      const body = errorAnswer.safeParse(response.body);
      const errors = body.success ? (body.data.errors ?? []).map(redacted).filter((text) => text !== '') : [];
      const deleted = body.success && (body.data.data?.metadata.deletion_time ?? '') !== '';
      return new VaultResponseError(status, errors, deleted);
    }
  }
  // axios's own errors: no answer came. Anything else (node-vault's argument checks) is ours.
  if ('isAxiosError' in error && error.isAxiosError === true)
    return new VaultUnreachableError(errorCodeOf(error));
  return new Error('node-vault refused the request before sending it');
}

/** axios puts the socket's code (ECONNREFUSED, a TLS code, ECONNABORTED for a timeout) on the error or its cause. */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  if ('code' in error && typeof error.code === 'string' && error.code !== 'ERR_BAD_REQUEST')
    return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = errorCodeOf(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return 'cause' in error ? errorCodeOf(error.cause, depth + 1) : undefined;
}
