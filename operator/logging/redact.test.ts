import { describe, expect, it } from 'vitest';

import { redact } from './index.ts';
import { maxRedactionDepth } from './redact.ts';
import { isPayloadKey, isSensitiveKey } from './sensitive-keys.ts';

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 'bottom' };
  for (let level = 0; level < levels; level++) value = { child: value };
  return value;
}

function depthOf(value: unknown): number {
  let depth = 0;
  let current = value;
  while (typeof current === 'object' && current !== null && 'child' in current) {
    current = current.child;
    depth++;
  }
  return depth;
}

describe('redact', () => {
  it.each([
    'password',
    'Password',
    'PASSWD',
    'passphrase',
    'dbPassword',
    'token',
    'accessToken',
    'refresh_token',
    'idToken',
    'sessionToken',
    'X-Vault-Token',
    'secretAccessKey',
    'aws_secret_access_key',
    'clientSecret',
    'secret',
    'secret_id',
    'apiKey',
    'api_key',
    'X-API-Key',
    'privateKey',
    'private_key',
    'authorization',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'credentials',
    'tls.key',
    'client-key-data',
    'value',
    'connectionString',
    'kubectl.kubernetes.io/last-applied-configuration',
  ])('hides the value under %s', (key) => {
    expect(redact({ [key]: 'hunter2', nested: { [key]: { deeper: 'hunter2' } } })).toEqual({
      [key]: '[REDACTED]',
      nested: { [key]: '[REDACTED]' },
    });
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each([
    'secretKey',
    'secretName',
    'secretStoreRef',
    'tokenSecretRef',
    'passwordSecretRef',
    'externalSecret',
    'clusterExternalSecret',
    'pushSecret',
    'key',
    'property',
    'name',
    'namespace',
    'reason',
    'tokenExpiry',
    'targetSecret',
  ])('shows the value under %s, which names a secret rather than holding one', (key) => {
    expect(redact({ [key]: 'db-password' })).toEqual({ [key]: 'db-password' });
    expect(isSensitiveKey(key)).toBe(false);
  });

  it('keeps null, undefined and booleans under sensitive keys, as they reveal nothing', () => {
    expect(redact({ password: null, token: undefined })).toEqual({ password: null, token: undefined });
    expect(redact({ namespacedStoresAmbientCredentials: false, bearerToken: true })).toEqual({
      namespacedStoresAmbientCredentials: false,
      bearerToken: true,
    });
  });

  it.each(['data', 'stringData', 'binaryData', 'values'])(
    'keeps the key names of a %s map and hides every value',
    (key) => {
      expect(
        redact({ [key]: { username: 'bob', password: 'hunter2', empty: null, raw: Buffer.from('abc') } }),
      ).toEqual({
        [key]: { username: '[REDACTED]', password: '[REDACTED]', empty: null, raw: '[REDACTED 3 bytes]' },
      });
      expect(isPayloadKey(key)).toBe(true);
    },
  );

  it('walks a data list of references but hides plain values in it', () => {
    const spec = {
      data: [
        { secretKey: 'db-password', remoteRef: { key: 'prod/db', property: 'password', value: 'x' } },
        'raw',
      ],
    };
    expect(redact(spec)).toEqual({
      data: [
        {
          secretKey: 'db-password',
          remoteRef: { key: 'prod/db', property: 'password', value: '[REDACTED]' },
        },
        '[REDACTED]',
      ],
    });
  });

  it('hides a data field that is not a map or a list whole', () => {
    expect(redact({ data: 'c2VjcmV0', stringData: 42 })).toEqual({
      data: '[REDACTED]',
      stringData: '[REDACTED]',
    });
  });

  it('replaces binary data anywhere by its length', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(
      redact({
        buffer: Buffer.from('hello'),
        list: [bytes, new DataView(new ArrayBuffer(2))],
        arrayBuffer: new ArrayBuffer(7),
        nested: { deeper: new Float64Array(2) },
      }),
    ).toEqual({
      buffer: '[REDACTED 5 bytes]',
      list: ['[REDACTED 4 bytes]', '[REDACTED 2 bytes]'],
      arrayBuffer: '[REDACTED 7 bytes]',
      nested: { deeper: '[REDACTED 16 bytes]' },
    });
    expect(redact(bytes)).toBe('[REDACTED 4 bytes]');
  });

  it('scrubs strings at every depth, in arrays and as map values', () => {
    expect(
      redact({
        message: 'password=hunter2',
        list: ['Bearer abc123'],
        map: new Map([['url', 'https://a:b@host/']]),
      }),
    ).toEqual({
      message: 'password=[REDACTED]',
      list: ['Bearer [REDACTED]'],
      map: { url: 'https://a:[REDACTED]@host/' },
    });
    expect(redact('token=abc')).toBe('token=[REDACTED]');
  });

  it('cuts cycles, including through arrays, maps and error causes', () => {
    const self: Record<string, unknown> = { name: 'self' };
    self.self = self;
    const first: Record<string, unknown> = { name: 'first' };
    const second: Record<string, unknown> = { name: 'second', back: [first] };
    first.next = second;
    const map = new Map<string, unknown>();
    map.set('map', map);
    const error = new Error('loop');
    error.cause = error;

    expect(redact(self)).toEqual({ name: 'self', self: '[Circular]' });
    expect(redact(first)).toEqual({ name: 'first', next: { name: 'second', back: ['[Circular]'] } });
    expect(redact(map)).toEqual({ map: '[Circular]' });
    expect(redact({ error })).toMatchObject({ error: { message: 'loop', cause: '[Circular]' } });
    expect(() => JSON.stringify(redact(first))).not.toThrow();
  });

  it('shows an object that appears twice side by side, which is no cycle', () => {
    const shared = { name: 'shared' };
    expect(redact({ a: shared, b: shared, list: [shared, shared] })).toEqual({
      a: { name: 'shared' },
      b: { name: 'shared' },
      list: [{ name: 'shared' }, { name: 'shared' }],
    });
  });

  it(`cuts objects nested deeper than ${maxRedactionDepth} levels`, () => {
    const result = redact(nested(20));
    expect(depthOf(result)).toBe(maxRedactionDepth);
    let innermost: unknown = result;
    for (let level = 0; level < maxRedactionDepth; level++)
      innermost = (innermost as { child: unknown }).child;
    expect(innermost).toBe('[Truncated]');
    expect(redact(nested(maxRedactionDepth - 1))).toEqual(nested(maxRedactionDepth - 1));
  });

  it('bounds a long chain of error causes', () => {
    let error = new Error('root cause');
    for (let level = 0; level < 20; level++) error = new Error(`level ${level}`, { cause: error });
    const text = JSON.stringify(redact({ err: error }));
    expect(text).toContain('[Truncated]');
    expect(text).not.toContain('root cause');
  });

  it('reduces errors to name, message, stack, code, reason, cause and errors', () => {
    const inner = Object.assign(new Error('token=abc expired'), {
      code: 401,
      response: { headers: { x: 'y' } },
    });
    const aggregate = new AggregateError([inner, 'plain'], 'two failures');
    expect(redact([aggregate])).toEqual([
      {
        name: 'AggregateError',
        message: 'two failures',
        stack: expect.any(String) as unknown,
        errors: [
          {
            name: 'Error',
            message: 'token=[REDACTED] expired',
            stack: expect.stringContaining('token=[REDACTED]') as unknown,
            code: 401,
          },
          'plain',
        ],
      },
    ]);
  });

  it('never changes the object it is given', () => {
    const error = new Error('password=hunter2');
    const input = {
      password: 'hunter2',
      nested: { token: 'abc', list: [{ apiKey: 'k' }], note: 'Bearer abc123' },
      data: { key: 'value' },
      error,
    };
    const before = structuredClone(input);
    redact(input);
    expect(input).toEqual(before);
    expect(error.message).toBe('password=hunter2');
  });

  it('turns values JSON cannot carry into strings', () => {
    function namedFunction(): void {
      // Only its name matters here.
    }
    expect(
      redact({
        big: 10n,
        symbol: Symbol('tag'),
        fn: namedFunction,
        arrow: [() => undefined],
        date: new Date(0),
        invalid: new Date(Number.NaN),
        set: new Set(['a', 'token=x']),
        url: new URL('https://vault.internal/v1/kv?token=abc'),
      }),
    ).toEqual({
      big: '10',
      symbol: 'Symbol(tag)',
      fn: '[Function namedFunction]',
      arrow: ['[Function anonymous]'],
      date: '1970-01-01T00:00:00.000Z',
      invalid: 'Invalid Date',
      set: ['a', 'token=[REDACTED]'],
      url: 'https://vault.internal/v1/kv?token=[REDACTED]',
    });
  });

  it('survives a throwing getter', () => {
    const hostile = {
      get boom(): string {
        throw new Error('no');
      },
    };
    expect(redact({ ok: 1, hostile })).toEqual({ ok: 1, hostile: '[Unreadable]' });
  });
});
