// A fault injector for tests: a TCP proxy on 127.0.0.1 in front of a real provider test server,
// switched at runtime between passing traffic through and failing the ways servers and networks fail.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * - `pass`: traffic flows both ways untouched.
 * - `refuse`: nothing listens: new connections are refused (the kernel answers RST); open ones are reset.
 * - `hang`: connections are accepted and never answered (a tarpit), until the mode changes or the proxy stops.
 * - `slow`: traffic flows, each chunk delayed by `delayMs`.
 * - `reset`: the request reaches the server, and the connection is reset when its answer starts.
 */
export type FaultMode = 'pass' | 'refuse' | 'hang' | 'slow' | 'reset';

export interface FaultProxyOptions {
  /** Where the real server listens. */
  target: { host: string; port: number };
  mode?: FaultMode;
  /** Delay of each chunk in `slow` mode. Default 1 s. */
  delayMs?: number;
}

/** A TCP proxy whose failure mode tests switch while the operator talks through it. */
export class FaultProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private modeNow: FaultMode;
  private accepted = 0;
  private readonly target: { host: string; port: number };
  private readonly delayMs: number;
  private portNumber = 0;

  private constructor(options: FaultProxyOptions) {
    this.target = options.target;
    this.modeNow = options.mode ?? 'pass';
    this.delayMs = options.delayMs ?? 1_000;
  }

  /** Starts listening on a free loopback port (unless the mode is `refuse`, which listens later). */
  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(options);
    await proxy.listen();
    if (proxy.modeNow === 'refuse') await proxy.closeListener();
    return proxy;
  }

  get port(): number {
    return this.portNumber;
  }

  /** `http://127.0.0.1:<port>`: the address to give the store instead of the server's. */
  get url(): string {
    return `http://127.0.0.1:${String(this.portNumber)}`;
  }

  get mode(): FaultMode {
    return this.modeNow;
  }

  /** Connections from clients open right now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Connections accepted since the start. */
  get connectionsAccepted(): number {
    return this.accepted;
  }

  /**
   * Switches mode. Open connections are reset, as a server that goes down or changes would: kept-alive
   * connections would otherwise go on in the old mode.
   */
  async setMode(mode: FaultMode): Promise<void> {
    if (mode === this.modeNow) return;
    this.modeNow = mode;
    this.resetAll();
    if (mode === 'refuse') await this.closeListener();
    else if (!this.server) await this.listen();
  }

  /** Resets every connection and stops listening. */
  async stop(): Promise<void> {
    this.resetAll();
    await this.closeListener();
  }

  private listen(): Promise<void> {
    const server = createServer((socket) => {
      this.accept(socket);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      // The same port across refuse/pass: the store's address must not change with the fault.
      server.listen(this.portNumber, '127.0.0.1', () => {
        server.off('error', reject);
        this.portNumber = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private resetAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    const mode = this.modeNow;
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    // A tarpit reads and never answers.
    if (mode === 'hang') {
      client.resume();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('close', () => upstream.destroy());
    if (mode === 'slow') {
      // Closed only once the delayed chunks are through (delayed() ends each side after its data).
      this.delayed(client, upstream);
      this.delayed(upstream, client);
      return;
    }
    upstream.on('close', () => client.destroy());
    if (mode === 'reset') {
      client.pipe(upstream);
      upstream.once('data', () => {
        client.resetAndDestroy();
        upstream.destroy();
      });
      return;
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Forwards `from` to `to`, each chunk after `delayMs`, in order. */
  private delayed(from: Socket, to: Socket): void {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      chain = chain.then(
        () =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              if (!to.destroyed) to.write(chunk);
              resolve();
            }, this.delayMs);
          }),
      );
    });
    from.on('close', () => void chain.then(() => to.end()));
  }
}
