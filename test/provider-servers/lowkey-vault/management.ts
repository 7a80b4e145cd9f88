// Lowkey Vault's management API (/management/vault), which creates, deletes and purges vaults.
// It needs no token; it is served on the same HTTPS port as the vaults.
import { request } from 'node:https';

export interface ManagementTarget {
  /** The server's https origin, which is also the one vault the harness keeps there. */
  baseUrl: string;
  caPem: string;
}

async function call(
  target: ManagementTarget,
  method: string,
  path: string,
  body?: unknown,
  alsoFine: number[] = [],
): Promise<string> {
  const url = new URL(path, target.baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        ca: target.caPem,
        timeout: 10_000,
        headers:
          payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if ((status >= 200 && status < 300) || alsoFine.includes(status)) resolve(text);
          else reject(new Error(`lowkey-vault: ${method} ${url.pathname} answered HTTP ${String(status)}`));
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`lowkey-vault: ${method} ${url.pathname} timed out`)),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Whether the server answers its ping over verified TLS. */
export async function isServing(target: ManagementTarget): Promise<boolean> {
  try {
    await call(target, 'GET', '/ping');
    return true;
  } catch {
    return false;
  }
}

/**
 * A vault at the server's own origin with soft delete, as every Azure vault has it (90 days, and
 * purgeable). Lowkey Vault 7.x purges a secret deleted from a vault without soft delete and then
 * answers the DELETE with 404, so the harness deletes as Azure does and purges after.
 */
export async function createVault(target: ManagementTarget): Promise<void> {
  await call(target, 'POST', '/management/vault', {
    baseUri: target.baseUrl,
    recoveryLevel: 'Recoverable+Purgeable',
    recoverableDays: 90,
  });
}

/** Deletes and purges the vault with everything in it, deleted objects too. */
export async function removeVault(target: ManagementTarget): Promise<void> {
  const query = `?baseUri=${encodeURIComponent(target.baseUrl)}`;
  await call(target, 'DELETE', `/management/vault${query}`);
  await call(target, 'DELETE', `/management/vault/purge${query}`, undefined, [404]);
}
