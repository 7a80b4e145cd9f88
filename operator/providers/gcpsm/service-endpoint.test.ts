import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import { resolveServiceEndpoint } from './service-endpoint.ts';

describe('gcpsm service endpoint', () => {
  it('is the global endpoint by default and the regional one for a location', () => {
    expect(resolveServiceEndpoint({})).toEqual({
      host: 'secretmanager.googleapis.com',
      port: 443,
      plaintext: false,
    });
    expect(resolveServiceEndpoint({ location: 'us-east1' })).toEqual({
      host: 'secretmanager.us-east1.rep.googleapis.com',
      port: 443,
      plaintext: false,
    });
  });

  it('uses TLS for host[:port] and https://, plaintext only for an explicit http://', () => {
    expect(resolveServiceEndpoint({ endpoint: 'sm.p.googleapis.com' })).toEqual({
      host: 'sm.p.googleapis.com',
      port: 443,
      plaintext: false,
    });
    expect(resolveServiceEndpoint({ endpoint: 'https://sm.internal:8443', location: 'us-east1' })).toEqual({
      host: 'sm.internal',
      port: 8443,
      plaintext: false,
    });
    expect(resolveServiceEndpoint({ endpoint: 'http://127.0.0.1:9090' })).toEqual({
      host: '127.0.0.1',
      port: 9090,
      plaintext: true,
    });
    expect(resolveServiceEndpoint({ endpoint: 'http://[::1]:9090' })).toEqual({
      host: '::1',
      port: 9090,
      plaintext: true,
    });
  });

  it('refuses an endpoint with a path', () => {
    expect(() => resolveServiceEndpoint({ endpoint: 'https://sm.internal/v1' })).toThrow(InvalidConfigError);
  });
});
