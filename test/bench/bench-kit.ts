// What the benchmark scenarios share: bounded client concurrency, the operator's memory as the
// kernel sees it, and a clean slate before a run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CoreV1Api, V1Secret } from '@kubernetes/client-node';
import { startMotoServer } from '../provider-servers/moto/index.ts';

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Runs `task` over `items` with at most `width` at once: thousands of creates without a flood. */
export async function inBatches<T>(
  items: T[],
  width: number,
  task: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await task(item);
      }
    }),
  );
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  } catch {
    // The process has exited.
    return 0;
  }
}

/** The process' peak resident set so far (the kernel's high-water mark), in MiB. */
export function peakRssMiB(pid: number): number {
  return Math.round(statusKiB(pid, 'VmHWM') / 1024);
}

/** The process' resident set now, in MiB. */
export function rssMiB(pid: number): number {
  return Math.round(statusKiB(pid, 'VmRSS') / 1024);
}

/**
 * Deletes the namespaces of earlier runs (a run stopped half-way leaves some) and waits until they
 * are gone: tearing down ten thousand objects keeps the API server and the garbage collector busy
 * for minutes, and a run that overlaps that cleanup measures it too.
 */
export async function awaitEarlierRunsGone(core: CoreV1Api): Promise<void> {
  for (let announced = false; ; announced = true) {
    const earlier = (await core.listNamespace()).items
      .map((ns) => ns.metadata?.name ?? '')
      .filter((name) => name.startsWith('ferry-bench-'));
    if (earlier.length === 0) {
      // The garbage collector still works through the owned Secrets for a while after the
      // namespace is gone (GETs answered 404, ~40 per second here).
      if (announced) await sleep(30_000);
      return;
    }
    if (!announced)
      log(
        `waiting for earlier runs' namespaces to be deleted: ${earlier.slice(0, 5).join(', ')}${earlier.length > 5 ? ` and ${String(earlier.length - 5)} more` : ''}`,
      );
    await inBatches(earlier, 8, (name) => core.deleteNamespace({ name }).catch(() => undefined));
    await sleep(2000);
  }
}

/** A moto server started for the run, holding `data`; what a store needs to reach it. */
export interface SeededMoto {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startSeededMoto(data: { key: string; value: string }[]): Promise<SeededMoto> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-moto-'));
  const server = await startMotoServer({ dir, detached: false });
  const endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
  const region = server.env['AWS_REGION'] ?? '';
  const accessKeyId = server.env['AWS_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = server.env['AWS_SECRET_ACCESS_KEY'] ?? '';
  const writer = new SecretsManagerClient({
    region,
    endpoint,
    credentials: { accessKeyId, secretAccessKey },
  });
  await inBatches(data, 8, ({ key, value }) =>
    writer.send(new CreateSecretCommand({ Name: key, SecretString: value })),
  );
  writer.destroy();
  log(`moto at ${endpoint} holds ${String(data.length)} secrets`);
  return {
    endpoint,
    region,
    accessKeyId,
    secretAccessKey,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The store's `spec.provider` for moto, its keys read from the Secret `aws-keys` of its namespace. */
export function motoStoreProvider(moto: SeededMoto): object {
  return {
    aws: {
      service: 'SecretsManager',
      region: moto.region,
      endpoint: moto.endpoint,
      auth: {
        secretRef: {
          accessKeyIDSecretRef: { name: 'aws-keys', key: 'access-key-id' },
          secretAccessKeySecretRef: { name: 'aws-keys', key: 'secret-access-key' },
        },
      },
    },
  };
}

/** The Secret `aws-keys` that motoStoreProvider's stores read, for one namespace. */
export function motoKeysSecret(moto: SeededMoto): V1Secret {
  return {
    metadata: { name: 'aws-keys' },
    stringData: { 'access-key-id': moto.accessKeyId, 'secret-access-key': moto.secretAccessKey },
  };
}
