import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TlsClient {
  ca: string;
  cert?: string;
  key?: string;
}

/** GETs an HTTPS URL with our CA (and client certificate), resolving the status code and body. */
export async function httpsGet(url: string, tls: TlsClient): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: readFileSync(tls.ca),
        ...(tls.cert && tls.key ? { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : {}),
        timeout: 5_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `probe` until it answers 200. `alive` is checked on every round so that a component that
 * crashed on start fails fast with a pointer to its log, instead of after the whole timeout.
 */
export async function waitForHealthy(
  component: string,
  probe: () => Promise<{ status: number; body: string }>,
  options: { timeoutMs: number; alive: () => boolean; logFile: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!options.alive()) throw new Error(`${component} exited during start-up; see ${options.logFile}`);
    try {
      const { status, body } = await probe();
      if (status === 200) return;
      last = `HTTP ${status}: ${body.slice(0, 500)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${component} not healthy after ${options.timeoutMs} ms (${last}); see ${options.logFile}`);
}

export async function httpGet(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}
