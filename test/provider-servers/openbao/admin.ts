// What tests and a person need to set an OpenBao dev server up: mounts, auth methods, policies,
// tokens and secrets, written with the root token over the plain HTTP listener.

export interface AdminOptions {
  /** X-Vault-Namespace of the request. */
  namespace?: string | undefined;
  /** A token other than the root token. */
  token?: string | undefined;
}

export interface OpenBaoAdmin {
  /** One API call; rejects with the status and Vault's errors unless it answers 2xx. */
  request(method: string, path: string, body?: unknown, options?: AdminOptions): Promise<unknown>;
  mountKv(path: string, version: 1 | 2, options?: AdminOptions): Promise<void>;
  enableAuth(path: string, type: string, options?: AdminOptions): Promise<void>;
  writePolicy(name: string, policy: string, options?: AdminOptions): Promise<void>;
  /** A token with these policies (a renewable service token unless `ttl` says otherwise). */
  createToken(policies: string[], settings?: { ttl?: string }, options?: AdminOptions): Promise<string>;
  /** Writes a KV v2 secret (data under `<mount>/data/<key>`) and returns its new version. */
  writeKv2(
    mount: string,
    key: string,
    data: Record<string, unknown>,
    options?: AdminOptions,
  ): Promise<number>;
  /** Whether a KV v2 secret (any version of it, even deleted) exists at `<mount>/metadata/<key>`. */
  kv2Exists(mount: string, key: string, options?: AdminOptions): Promise<boolean>;
  /** Accessors of every token alive (root namespace, or `namespace`). */
  tokenAccessors(options?: AdminOptions): Promise<string[]>;
}

export function openBaoAdmin(env: Record<string, string>): OpenBaoAdmin {
  const address = env['VAULT_ADDR'];
  const rootToken = env['VAULT_TOKEN'];
  if (!address || !rootToken) throw new Error('openBaoAdmin needs VAULT_ADDR and VAULT_TOKEN');

  const send = async (method: string, path: string, body?: unknown, options: AdminOptions = {}) => {
    const response = await fetch(`${address}/v1/${path}`, {
      method,
      headers: {
        'X-Vault-Token': options.token ?? rootToken,
        ...(options.namespace === undefined ? {} : { 'X-Vault-Namespace': options.namespace }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const answer: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, answer };
  };
  const request = async (method: string, path: string, body?: unknown, options: AdminOptions = {}) => {
    const { status, answer } = await send(method, path, body, options);
    if (status < 200 || status > 299) {
      const errors = (answer as { errors?: string[] } | undefined)?.errors ?? [];
      throw new Error(`openbao: ${method} ${path} answered HTTP ${String(status)}: ${errors.join('; ')}`);
    }
    return answer;
  };

  return {
    request,
    async mountKv(path, version, options) {
      await request(
        'POST',
        `sys/mounts/${path}`,
        { type: 'kv', options: { version: String(version) } },
        options,
      );
    },
    async enableAuth(path, type, options) {
      await request('POST', `sys/auth/${path}`, { type }, options);
    },
    async writePolicy(name, policy, options) {
      await request('PUT', `sys/policies/acl/${name}`, { policy }, options);
    },
    async createToken(policies, settings = {}, options) {
      const answer = (await request(
        'POST',
        'auth/token/create',
        { policies, no_default_policy: false, ...(settings.ttl === undefined ? {} : { ttl: settings.ttl }) },
        options,
      )) as { auth: { client_token: string } };
      return answer.auth.client_token;
    },
    async writeKv2(mount, key, data, options) {
      const answer = (await request('POST', `${mount}/data/${key}`, { data }, options)) as {
        data: { version: number };
      };
      return answer.data.version;
    },
    async kv2Exists(mount, key, options) {
      const { status } = await send('GET', `${mount}/metadata/${key}`, undefined, options);
      if (status === 404) return false;
      if (status === 200) return true;
      throw new Error(`openbao: GET ${mount}/metadata/${key} answered HTTP ${String(status)}`);
    },
    async tokenAccessors(options) {
      const answer = (await request('GET', 'auth/token/accessors?list=true', undefined, options)) as {
        data: { keys: string[] };
      };
      return answer.data.keys;
    },
  };
}
