import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, type FaultProxyOptions } from '../support/fault-proxy.ts';

// A real HTTP server behind the proxy; fetch is a real client (no keep-alive between tests' modes).
let server: Server;
let target: { host: string; port: number };
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    response.end(`hello ${request.url ?? ''}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await new Promise((resolve) => server.close(resolve));
});

async function proxy(options: Omit<FaultProxyOptions, 'target'> = {}): Promise<FaultProxy> {
  const started = await FaultProxy.start({ target, ...options });
  proxies.push(started);
  return started;
}

/** What a request through the proxy gets: the body, or the failure's code. */
async function ask(proxyUrl: string, path: string, timeoutMs = 2_000): Promise<string> {
  try {
    const response = await fetch(`${proxyUrl}${path}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { connection: 'close' },
    });
    return await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return (error as Error).name === 'TimeoutError' ? 'timed out' : (cause?.code ?? (error as Error).message);
  }
}

describe('FaultProxy', () => {
  it('passes traffic through, then refuses, then passes again on the same port', async () => {
    const faults = await proxy();
    expect(await ask(faults.url, '/a')).toBe('hello /a');
    const port = faults.port;
    await faults.setMode('refuse');
    expect(await ask(faults.url, '/b')).toBe('ECONNREFUSED');
    await faults.setMode('pass');
    expect(faults.port).toBe(port);
    expect(await ask(faults.url, '/c')).toBe('hello /c');
  });

  it('accepts and never answers in hang mode, counting the connections it holds open', async () => {
    const faults = await proxy({ mode: 'hang' });
    const asked = Promise.all([ask(faults.url, '/x', 500), ask(faults.url, '/y', 500)]);
    await expect.poll(() => faults.openConnections).toBe(2);
    expect(await asked).toEqual(['timed out', 'timed out']);
    // The client gave up: its sockets close, and the count follows.
    await expect.poll(() => faults.openConnections, { timeout: 5_000 }).toBe(0);
    expect(faults.connectionsAccepted).toBeGreaterThanOrEqual(2);
    await faults.setMode('pass');
    expect(await ask(faults.url, '/z')).toBe('hello /z');
  });

  it('resets open connections when the mode changes, as a server going down would', async () => {
    const faults = await proxy({ mode: 'hang' });
    const asked = ask(faults.url, '/held', 5_000);
    await expect.poll(() => faults.openConnections).toBe(1);
    await faults.setMode('refuse');
    expect(await asked).toBe('ECONNRESET');
    expect(faults.openConnections).toBe(0);
  });

  it('delays each chunk in slow mode, and resets the connection as the answer starts in reset mode', async () => {
    const slow = await proxy({ mode: 'slow', delayMs: 300 });
    const started = Date.now();
    expect(await ask(slow.url, '/slow')).toBe('hello /slow');
    // One chunk each way, each held back 300 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);

    const reset = await proxy({ mode: 'reset' });
    expect(await ask(reset.url, '/reset')).toBe('ECONNRESET');
  });

  it('stops cleanly: nothing listens and nothing stays open', async () => {
    const faults = await proxy({ mode: 'hang' });
    void ask(faults.url, '/held', 5_000);
    await expect.poll(() => faults.openConnections).toBe(1);
    await faults.stop();
    expect(faults.openConnections).toBe(0);
    expect(await ask(faults.url, '/after')).toBe('ECONNREFUSED');
  });
});
