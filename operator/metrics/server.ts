import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { listenError } from './listen-error.ts';

/** A named readiness condition, e.g. one per informer: `{ name: 'informer/managed-secrets', ready: () => informer.hasSynced() }`. */
export interface ReadinessCheck {
  name: string;
  ready: () => boolean;
}

export interface HealthServer {
  /** The bound address; with port 0 the kernel's choice. */
  address: AddressInfo;
  addReadinessCheck(check: ReadinessCheck): void;
  /** Flip /readyz to false at once (shutdown), whatever the checks say. */
  markShuttingDown(): void;
  close(): Promise<void>;
}

/**
 * /healthz (the process answers), /readyz (every check passes; `?verbose` lists them, as the
 * kube-apiserver does) and /metrics (Prometheus text) on one port.
 */
export async function startHealthServer(options: {
  host: string;
  port: number;
  /** The address as configured, for the error when it cannot be served. */
  address?: string;
  registry: Registry;
}): Promise<HealthServer> {
  const checks: ReadinessCheck[] = [];
  let shuttingDown = false;

  const readiness = (): { ok: boolean; lines: string[] } => {
    const lines = checks.map(
      (check) => `[${check.ready() ? '+' : '-'}]${check.name} ${check.ready() ? 'ok' : 'not ready'}`,
    );
    if (shuttingDown) lines.push('[-]shutdown in progress');
    return { ok: !shuttingDown && checks.every((check) => check.ready()), lines };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'method not allowed\n');
      return;
    }
    switch (url.pathname) {
      case '/healthz':
      case '/livez':
        reply(res, 200, 'ok\n');
        break;
      case '/readyz': {
        const { ok, lines } = readiness();
        const verbose = url.searchParams.has('verbose');
        const body = verbose
          ? `${lines.join('\n')}\nreadyz check ${ok ? 'passed' : 'failed'}\n`
          : ok
            ? 'ok\n'
            : 'not ready\n';
        reply(res, ok ? 200 : 503, body);
        break;
      }
      case '/metrics':
        reply(res, 200, await options.registry.metrics(), options.registry.contentType);
        break;
      default:
        reply(res, 404, 'not found\n');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      reply(res, 500, 'internal error\n');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => {
      reject(listenError(error, options.address ?? `${options.host}:${String(options.port)}`));
    };
    server.once('error', failed);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', failed);
      resolve();
    });
  });

  return {
    address: server.address() as AddressInfo,
    addReadinessCheck: (check) => checks.push(check),
    markShuttingDown: () => {
      shuttingDown = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}
