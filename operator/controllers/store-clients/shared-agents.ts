import { createHash } from 'node:crypto';
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent as UndiciAgent, DecoratorHandler, type Dispatcher } from 'undici';
import type { ProviderTransport, TransportTls } from '../../providers/index.ts';
import { currentCall, noteConnectFailure, seconds, type CallRecord } from './call-context.ts';

export interface TransportOptions {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Idle keep-alive connections are closed after this long. */
  idleSocketMs?: number;
  /** Agents kept for reuse, one per protocol and TLS settings; the least recently used are let go. */
  maxAgents?: number;
}

/** Codes of a connection that never got to carry a request. */
const connectCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Ends a connection that is not established (TCP, and TLS when `connectedEvent` is secureConnect)
 * within `timeoutMs`, and notes on the current provider call why a connection failed.
 */
function watchConnect(socket: Duplex, address: string, timeoutMs: number, connectedEvent: string): void {
  let connected = false;
  const timer = setTimeout(() => {
    const description = `connection to ${address} not established within ${seconds(timeoutMs)}`;
    noteConnectFailure(description);
    socket.destroy(Object.assign(new Error(description), { code: 'ETIMEDOUT' }));
  }, timeoutMs);
  socket.once(connectedEvent, () => {
    connected = true;
    clearTimeout(timer);
  });
  socket.once('close', () => clearTimeout(timer));
  socket.once('error', (error: NodeJS.ErrnoException) => {
    clearTimeout(timer);
    if (!connected && error.code !== undefined && connectCodes.has(error.code))
      noteConnectFailure(`could not connect to ${address} (${error.code})`);
  });
}

function addressOf(options: {
  host?: string | null | undefined;
  port?: number | string | null | undefined;
}): string {
  return `${options.host ?? 'localhost'}:${String(options.port ?? '')}`;
}

/**
 * The transport every provider client is built with: keep-alive agents shared by all clients with
 * the same protocol and TLS settings (one pool of connections and one TLS context per CA bundle,
 * not one per store), each enforcing the connect timeout.
 */
export function createProviderTransport(options: TransportOptions): ProviderTransport {
  const { connectTimeoutMs, responseTimeoutMs } = options;
  const idleSocketMs = options.idleSocketMs ?? 15_000;
  const maxAgents = options.maxAgents ?? 256;
  const agents = new Map<string, HttpAgent | HttpsAgent | Dispatcher>();
  const keyOf = (kind: string, tls: TransportTls | undefined): string =>
    createHash('sha256')
      .update(JSON.stringify([kind, tls?.ca, tls?.cert, tls?.key, tls?.servername]))
      .digest('base64');
  const shared = <A extends HttpAgent | HttpsAgent | Dispatcher>(key: string, create: () => A): A => {
    const existing = agents.get(key);
    if (existing) {
      // Least recently used last out: an agent let go still serves the clients that hold it.
      agents.delete(key);
      agents.set(key, existing);
      return existing as A;
    }
    const agent = create();
    agents.set(key, agent);
    for (const oldest of agents.keys()) {
      if (agents.size <= maxAgents) break;
      agents.delete(oldest);
    }
    return agent;
  };
  const agentOptions = { keepAlive: true, timeout: idleSocketMs, scheduling: 'lifo' as const };

  return {
    connectTimeoutMs,
    responseTimeoutMs,
    agent(protocol, tls) {
      if (protocol === 'http:')
        return shared(keyOf('http', undefined), () =>
          timed(new HttpAgent(agentOptions), connectTimeoutMs, 'connect'),
        );
      return shared(keyOf('https', tls), () =>
        timed(new HttpsAgent({ ...agentOptions, ...tlsOptions(tls) }), connectTimeoutMs, 'secureConnect'),
      );
    },
    dispatcher(tls) {
      return shared(keyOf('undici', tls), () =>
        new UndiciAgent({
          keepAliveTimeout: idleSocketMs,
          headersTimeout: responseTimeoutMs,
          bodyTimeout: responseTimeoutMs,
          connect: { ...tlsOptions(tls), timeout: connectTimeoutMs },
          // undici connects outside the request's async context: the call is taken when the
          // request is dispatched, and told when its connection failed.
        }).compose((dispatch) => (request, handler) => {
          const call = currentCall();
          if (!call) return dispatch(request, handler);
          const address = new URL(String(request.origin)).host;
          return dispatch(request, new ConnectFailureHandler(handler, call, address, connectTimeoutMs));
        }),
      );
    },
  };
}

function tlsOptions(tls: TransportTls | undefined) {
  return {
    rejectUnauthorized: true,
    ...(tls?.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls?.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls?.key === undefined ? {} : { key: tls.key }),
    ...(tls?.servername === undefined ? {} : { servername: tls.servername }),
  };
}

/** The agent, its connections bounded by the connect timeout (see watchConnect). */
function timed<A extends HttpAgent>(agent: A, connectTimeoutMs: number, connectedEvent: string): A {
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (
    options: ClientRequestArgs,
    callback?: (error: Error | null, socket: Duplex) => void,
  ) => {
    const socket = create(options, callback);
    if (socket) watchConnect(socket, addressOf(options), connectTimeoutMs, connectedEvent);
    return socket;
  };
  return agent;
}

// undici's types declare DecoratorHandler without the methods it forwards.
const Decorator = DecoratorHandler as unknown as new (
  handler: Dispatcher.DispatchHandler,
) => Dispatcher.DispatchHandler & {
  onResponseError(controller: Dispatcher.DispatchController, error: Error): void;
};

/** Notes on the call a connection that undici could not establish (its codes, or a socket's). */
class ConnectFailureHandler extends Decorator {
  private readonly call: CallRecord;
  private readonly address: string;
  private readonly connectTimeoutMs: number;
  constructor(
    handler: Dispatcher.DispatchHandler,
    call: CallRecord,
    address: string,
    connectTimeoutMs: number,
  ) {
    super(handler);
    this.call = call;
    this.address = address;
    this.connectTimeoutMs = connectTimeoutMs;
  }
  override onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      noteConnectFailure(
        `connection to ${this.address} not established within ${seconds(this.connectTimeoutMs)}`,
        this.call,
      );
    } else if (code !== undefined && connectCodes.has(code)) {
      noteConnectFailure(`could not connect to ${this.address} (${code})`, this.call);
    }
    super.onResponseError(controller, error);
  }
}
