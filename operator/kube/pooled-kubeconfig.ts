import { createHash } from 'node:crypto';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

/**
 * client-node 2.0 builds a new undici Agent for every request, so every API call opens a new TLS
 * connection: a full handshake per call, on both sides. This KubeConfig keeps one Agent per
 * connection identity (server, CA, client certificate) and hands it to every request, so
 * connections are kept alive and reused. Bearer tokens travel in headers, which are still set per
 * request, so token rotation is unaffected.
 */
export class PooledKubeConfig extends KubeConfig {
  private readonly dispatchers = new Map<string, Dispatcher>();

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getDispatcher();
    if (fresh === undefined) return;
    const key = this.connectionIdentity();
    const pooled = this.dispatchers.get(key);
    if (pooled !== undefined) {
      // The fresh Agent never opened a socket; dropping it costs nothing.
      context.setDispatcher(pooled);
    } else {
      this.dispatchers.set(key, fresh);
    }
  }

  private connectionIdentity(): string {
    const cluster = this.getCurrentCluster();
    const user = this.getCurrentUser();
    return createHash('sha256')
      .update(
        JSON.stringify([
          cluster?.server,
          cluster?.caData,
          cluster?.caFile,
          cluster?.skipTLSVerify,
          cluster?.tlsServerName,
          cluster?.proxyUrl,
          user?.certData,
          user?.certFile,
          user?.keyData,
          user?.keyFile,
        ]),
      )
      .digest('hex');
  }
}
