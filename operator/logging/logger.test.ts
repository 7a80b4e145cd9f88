import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from './index.ts';
import type { LogFormat, Logger, LogLevel } from './index.ts';

function captured(
  level: LogLevel,
  format: LogFormat = 'json',
): { logger: Logger; output: () => Promise<string> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level, format, stream });
  // winston hands entries on through streams; let them arrive before reading.
  const output = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return chunks.join('');
  };
  return { logger, output };
}

async function jsonLines(output: () => Promise<string>): Promise<Record<string, unknown>[]> {
  const text = await output();
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, msg and the fields', async () => {
    const { logger, output } = captured('info');
    logger.info('store ready', { namespace: 'team-a', name: 'vault', attempts: 2 });

    const [line] = await jsonLines(output);
    expect(Object.keys(line ?? {})).toEqual(['time', 'level', 'msg', 'namespace', 'name', 'attempts']);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'store ready',
      namespace: 'team-a',
      name: 'vault',
      attempts: 2,
    });
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
  });

  it('drops entries below the configured level', async () => {
    const { logger, output } = captured('warn');
    logger.debug('debug entry');
    logger.info('info entry');
    logger.warn('warn entry');
    logger.error('error entry');

    expect((await jsonLines(output)).map((line) => line.level)).toEqual(['warn', 'error']);
  });

  it('adds a child logger’s fields to its entries and leaves the parent alone', async () => {
    const { logger, output } = captured('debug');
    const controller = logger.child({ controller: 'externalsecret' });
    const object = controller.child({ namespace: 'team-a', name: 'db-credentials' });
    object.debug('reconciling', { attempt: 1 });
    controller.info('started');
    logger.info('plain');

    expect(await jsonLines(output)).toMatchObject([
      {
        msg: 'reconciling',
        controller: 'externalsecret',
        namespace: 'team-a',
        name: 'db-credentials',
        attempt: 1,
      },
      { msg: 'started', controller: 'externalsecret' },
      { msg: 'plain' },
    ]);
    const [, started, plain] = await jsonLines(output);
    expect(started).not.toHaveProperty('namespace');
    expect(plain).not.toHaveProperty('controller');
  });

  it('keeps fields named like the line’s own keys under "fields."', async () => {
    const { logger, output } = captured('info');
    logger.info('the message', { level: 'custom', msg: 'other', time: 'then', message: 'also' });

    expect((await jsonLines(output))[0]).toMatchObject({
      level: 'info',
      msg: 'the message',
      'fields.level': 'custom',
      'fields.msg': 'other',
      'fields.time': 'then',
      'fields.message': 'also',
    });
  });

  it('serialises an error field with its name, message, stack, code, reason and cause', async () => {
    const { logger, output } = captured('info');
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8200'), { code: 'ECONNREFUSED' });
    const error = Object.assign(new TypeError('provider unavailable', { cause }), {
      reason: 'ProviderError',
      config: { headers: { 'X-Internal': 'not logged' } },
    });
    logger.error('sync failed', { err: error });

    const [line] = await jsonLines(output);
    expect(line?.err).toMatchObject({
      name: 'TypeError',
      message: 'provider unavailable',
      stack: expect.stringContaining('TypeError: provider unavailable') as unknown,
      reason: 'ProviderError',
      cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:8200', code: 'ECONNREFUSED' },
    });
    expect(line?.err).not.toHaveProperty('config');
  });

  it('writes one human-readable line per entry in text format', async () => {
    const { logger, output } = captured('debug', 'text');
    logger
      .child({ namespace: 'team-a' })
      .warn('slow store', { store: 'vault', took: 'a while', details: { ms: 900 } });
    logger.error('multi\nline', { err: new Error('boom') });

    const lines = (await output()).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+Z WARN {2}slow store namespace=team-a store=vault took="a while" details=\{"ms":900\}$/,
    );
    expect(lines[1]).toMatch(
      / ERROR "multi\\nline" err=\{"name":"Error","message":"boom","stack":"Error: boom\\n/,
    );
  });
});

describe('createLogger redaction', () => {
  const secretObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db-credentials',
      namespace: 'team-a',
      labels: { 'ferry.dev/managed': 'true' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': `{"apiVersion":"v1","data":{"username":"s3cr3t-marker-1"},"kind":"Secret"}`,
      },
    },
    type: 'Opaque',
    data: { 'db-password': base64('s3cr3t-marker-2'), username: base64('s3cr3t-marker-3') },
    stringData: { 'api-token': 's3cr3t-marker-4' },
  };
  const externalSecret = {
    metadata: { name: 'db-credentials', namespace: 'team-a' },
    spec: {
      secretStoreRef: { name: 'vault', kind: 'SecretStore' },
      target: { name: 'db-credentials' },
      data: [{ secretKey: 'db-password', remoteRef: { key: 'prod/db', property: 'password' } }],
    },
  };
  const planted = {
    secretObject,
    externalSecret,
    connection: { database: { host: 'db.internal', user: 'app', password: 's3cr3t-marker-5' } },
    headers: { 'X-Vault-Token': 's3cr3t-marker-6', Accept: 'application/json' },
    err: new Error('login failed: password=s3cr3t-marker-7 sent with Authorization: Bearer s3cr3t-marker-8', {
      cause: new Error('token rejected: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzM2NyM3QifQ.s3cr3t-marker-9'),
    }),
    payload: Buffer.from('s3cr3t-marker-10'),
    values: { password: new TextEncoder().encode('s3cr3t-marker-11') },
    note: 'parsed -----BEGIN RSA PRIVATE KEY-----\nMIIBs3cr3t-marker-12\n-----END RSA PRIVATE KEY----- from the store',
    url: 'postgres://app:s3cr3t-marker-13@db.internal:5432/app',
  };
  const markerCount = 16;

  it.each<LogFormat>(['json', 'text'])(
    'keeps every planted secret out of %s output at every level',
    async (format) => {
      const { logger, output } = captured('debug', format);
      const child = logger.child({
        controller: 'externalsecret',
        namespace: 'team-a',
        name: 'db-credentials',
        clientSecret: 's3cr3t-marker-14',
      });
      deepFreeze(planted);

      child.debug('fetched from https://vault.internal/v1/kv?token=s3cr3t-marker-15 for rotation', planted);
      child.info('applied, password=s3cr3t-marker-16 and all', { secretObject });
      child.warn('retrying', { err: planted.err });
      child.error('giving up', planted);

      const text = await output();
      for (let marker = 1; marker <= markerCount; marker++) {
        expect(text).not.toContain(`s3cr3t-marker-${marker}`);
        expect(text).not.toContain(base64(`s3cr3t-marker-${marker}`));
      }
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toContain('MIIB');

      for (const kept of [
        'externalsecret',
        'team-a',
        'db-credentials',
        'db-password',
        'prod/db',
        'secretStoreRef',
        'ferry.dev/managed',
        'db.internal',
        'application/json',
        'login failed',
        'sent with Authorization: Bearer [REDACTED]',
        'token rejected: [REDACTED TOKEN]',
        'fetched from https://vault.internal/v1/kv?token=[REDACTED] for rotation',
        'applied, password=[REDACTED] and all',
        'parsed [REDACTED PRIVATE KEY] from the store',
        'postgres://app:[REDACTED]@db.internal:5432/app',
        '[REDACTED 16 bytes]',
      ]) {
        expect(text).toContain(format === 'json' ? JSON.stringify(kept).slice(1, -1) : kept);
      }
    },
  );

  it.each<LogLevel>(['debug', 'info', 'warn', 'error'])(
    'shows names, keys, reasons and the words of a message at level %s (issue #15)',
    async (level) => {
      const { logger, output } = captured('debug');
      const audit = logger.child({ component: 'audit' });
      audit[level]('sync', {
        audit: true,
        kind: 'ExternalSecret',
        namespace: 'app',
        name: 'vault-token',
        action: 'Failed',
        reason: 'ProviderError',
        message: 'credential "token": cannot read Secret app/vault-tokn: NotFound',
        targetSecret: 'vault-token',
        secretKey: 'db-password',
        err: new Error('remote key "db-password": not found in the store'),
      });

      const [line] = await jsonLines(output);
      expect(line).toMatchObject({
        namespace: 'app',
        name: 'vault-token',
        reason: 'ProviderError',
        'fields.message': 'credential "token": cannot read Secret app/vault-tokn: NotFound',
        targetSecret: 'vault-token',
        secretKey: 'db-password',
        err: { message: 'remote key "db-password": not found in the store' },
      });
    },
  );

  it('keeps the key names of a Secret’s data and the structure of an ExternalSecret', async () => {
    const { logger, output } = captured('debug');
    logger.debug('objects', { secretObject, externalSecret, values: planted.values });

    const [line] = await jsonLines(output);
    expect(line?.secretObject).toMatchObject({
      metadata: {
        name: 'db-credentials',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '[REDACTED]' },
      },
      data: { 'db-password': '[REDACTED]', username: '[REDACTED]' },
      stringData: { 'api-token': '[REDACTED]' },
    });
    expect(line?.externalSecret).toEqual(externalSecret);
    expect(line?.values).toEqual({ password: '[REDACTED 16 bytes]' });
  });
});
