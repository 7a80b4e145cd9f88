import { describe, expect, it } from 'vitest';
import { ThrottledError, UnavailableError, type SecretsClient } from '../../providers/index.ts';
import { instrumentedClient } from './instrumented-client.ts';

const utf8 = new TextEncoder();

describe('instrumentedClient', () => {
  it('counts each call by operation and result, and passes the property selector through uncounted', async () => {
    const calls: string[] = [];
    const client: SecretsClient = {
      getSecret: (ref) =>
        ref.key === 'busy'
          ? Promise.reject(new ThrottledError('slow down'))
          : Promise.resolve(utf8.encode('{"p":"v"}')),
      propertySelector: () => () => utf8.encode('v'),
      getSecretMap: () => Promise.resolve({}),
      findSecrets: () => Promise.resolve({}),
      validate: () => Promise.resolve('Ready'),
      close: () => Promise.resolve(),
    };
    const counted = instrumentedClient(client, 'fake', (provider, operation, result) =>
      calls.push(`${provider}/${operation}/${result}`),
    );
    const signal = new AbortController().signal;
    await counted.getSecret({ key: 'db' }, signal);
    await expect(counted.getSecret({ key: 'busy' }, signal)).rejects.toThrow('slow down');
    expect(counted.propertySelector?.({ key: 'db', property: 'p' })?.(utf8.encode('{"p":"v"}'))).toEqual(
      utf8.encode('v'),
    );
    expect(calls).toEqual(['fake/getSecret/ok', 'fake/getSecret/Throttled']);
  });

  it("counts a find whose name selection failed as the store's answer, not as a provider error", async () => {
    const calls: string[] = [];
    const client: SecretsClient = {
      getSecret: () => Promise.resolve(utf8.encode('v')),
      getSecretMap: () => Promise.resolve({}),
      findSecrets: async (query) => {
        // As an adapter might: whatever the selection threw, reported as the store's failure.
        await query.selectNames?.(['a']).catch(() => {
          throw new UnavailableError('aws: failed to list secrets');
        });
        return {};
      },
      validate: () => Promise.resolve('Ready'),
      close: () => Promise.resolve(),
    };
    const counted = instrumentedClient(client, 'aws', (provider, operation, result) =>
      calls.push(`${provider}/${operation}/${result}`),
    );
    const query = { selectNames: () => Promise.reject(new Error('regexp budget exceeded')) };
    await expect(counted.findSecrets(query, new AbortController().signal)).rejects.toThrow();
    await expect(counted.findSecrets({}, new AbortController().signal)).resolves.toEqual({});
    expect(calls).toEqual(['aws/findSecrets/ok', 'aws/findSecrets/ok']);
  });
});
