// Where the client connects: the store's endpoint override, else the regional endpoint of its
// location, else the global one. Every field is set explicitly so the SDK reads nothing from the
// process environment.
import { InvalidConfigError } from '../errors.ts';
import type { GCPSMProviderConfig } from '../types.ts';

export interface ServiceEndpoint {
  host: string;
  port: number;
  /** An explicit http:// endpoint: no TLS and no credentials (a local emulator). */
  plaintext: boolean;
}

export const globalHost = 'secretmanager.googleapis.com';

export function regionalHost(location: string): string {
  return `secretmanager.${location}.rep.googleapis.com`;
}

export function resolveServiceEndpoint(
  config: Pick<GCPSMProviderConfig, 'endpoint' | 'location'>,
): ServiceEndpoint {
  if (config.endpoint !== undefined) return parseEndpoint(config.endpoint);
  const host = config.location === undefined ? globalHost : regionalHost(config.location);
  return { host, port: 443, plaintext: false };
}

function parseEndpoint(endpoint: string): ServiceEndpoint {
  const plaintext = endpoint.startsWith('http://');
  const withScheme = /^https?:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (error) {
    throw new InvalidConfigError(
      `gcpsm: endpoint "${endpoint}" is not a host[:port], https://host[:port] or http://host:port`,
      error,
    );
  }
  if (url.pathname !== '/' || url.search !== '' || url.username !== '' || url.password !== '') {
    throw new InvalidConfigError(`gcpsm: endpoint "${endpoint}" may name a host and port only, no path`);
  }
  // URL keeps the brackets of an IPv6 host; gRPC and HTTP want them gone in `host`, port apart.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? (plaintext ? 80 : 443) : Number(url.port);
  return { host, port, plaintext };
}
