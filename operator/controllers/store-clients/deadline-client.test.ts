import { createServer, type Server, type Socket } from 'node:net';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError, type SecretsClient } from '../../providers/index.ts';
import { deadlineClient } from './deadline-client.ts';
import { createProviderTransport } from './shared-agents.ts';

const never = () => new Promise<never>(() => undefined);

/** A client at our own interface whose reads never end, and may ignore the signal they get. */
function hangingClient(read: (signal: AbortSignal) => Promise<Uint8Array> = never): SecretsClient {
  return {
    getSecret: (_ref, signal) => read(signal),
    getSecretMap: never,
    findSecrets: never,
    validate: never,
    close: () => Promise.resolve(),
  };
}

describe('deadlineClient', () => {
  it('ends a call that gets no answer at the response timeout, naming the store', async () => {
    let seen: AbortSignal | undefined;
    const client = deadlineClient(
      hangingClient((signal) => {
        seen = signal;
        return never();
      }),
      { store: 'vault at 10.0.0.1:8200', responseTimeoutMs: 50, findTimeoutMs: 1000 },
    );
    const failure = await client
      .getSecret({ key: 'k' }, new AbortController().signal)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as Error).message).toBe('vault at 10.0.0.1:8200 did not answer within 0.1 s');
    // The SDK was told to stop as well.
    expect(seen?.aborted).toBe(true);
  });

  it("passes the caller's own abort through as it is", async () => {
    const client = deadlineClient(hangingClient(), {
      store: 'aws at x',
      responseTimeoutMs: 10_000,
      findTimeoutMs: 10_000,
    });
    const caller = new AbortController();
    const call = client.getSecret({ key: 'k' }, caller.signal);
    caller.abort(new Error('shutting down'));
    await expect(call).rejects.toThrow('shutting down');
  });

  it('passes an answer and a provider error through', async () => {
    const value = new Uint8Array([1]);
    const answering = deadlineClient(
      hangingClient(() => Promise.resolve(value)),
      {
        store: 's',
        responseTimeoutMs: 1000,
        findTimeoutMs: 1000,
      },
    );
    expect(await answering.getSecret({ key: 'k' }, new AbortController().signal)).toBe(value);
    const denied = new Error('denied');
    const failing = deadlineClient(
      hangingClient(() => Promise.reject(denied)),
      {
        store: 's',
        responseTimeoutMs: 1000,
        findTimeoutMs: 1000,
      },
    );
    await expect(failing.getSecret({ key: 'k' }, new AbortController().signal)).rejects.toBe(denied);
  });
});

describe('the shared agents within a call', () => {
  // Accepts TCP connections and never says a word: a TLS handshake with it never completes.
  let silent: Server;
  let port = 0;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('report a connection not established within the connect timeout, whatever the SDK says', async () => {
    const transport = createProviderTransport({ connectTimeoutMs: 100, responseTimeoutMs: 5_000 });
    // An "SDK" that turns every network failure into a vague error of its own.
    const client = deadlineClient(
      hangingClient(
        (signal) =>
          new Promise((_resolve, reject) => {
            request(`https://127.0.0.1:${String(port)}/`, { agent: transport.agent('https:'), signal })
              .on('error', () => {
                reject(new Error('request failed'));
              })
              .end();
          }),
      ),
      { store: 'vault at 127.0.0.1', responseTimeoutMs: 5_000, findTimeoutMs: 5_000 },
    );
    const started = Date.now();
    const failure = await client
      .getSecret({ key: 'k' }, new AbortController().signal)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as Error).message).toBe(
      `vault at 127.0.0.1: connection to 127.0.0.1:${String(port)} not established within 0.1 s`,
    );
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('share one agent between clients of the same TLS settings, and not across settings', () => {
    const transport = createProviderTransport({ connectTimeoutMs: 100, responseTimeoutMs: 1000 });
    expect(transport.agent('https:', { ca: 'A' })).toBe(transport.agent('https:', { ca: 'A' }));
    expect(transport.agent('https:', { ca: 'A' })).not.toBe(transport.agent('https:', { ca: 'B' }));
    expect(transport.dispatcher({ ca: 'A' })).toBe(transport.dispatcher({ ca: 'A' }));
  });
});
