import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { exitCode } from '../command.ts';
import { clusterFailure } from './cluster-failure.ts';
import type { ClusterConnection } from './connect.ts';

const connection: ClusterConnection = {
  kubeConfig: new KubeConfig(),
  namespace: 'app',
  server: 'https://10.0.0.1:6443',
  context: 'prod',
};
const get = {
  action: 'get ExternalSecret "app-db" in namespace "app"',
  object: { namespace: 'app', name: 'app-db' },
  verb: 'get',
};

function apiError(code: number, body: unknown): ApiException<string> {
  return new ApiException(
    code,
    `HTTP-Code: ${String(code)}`,
    typeof body === 'string' ? body : JSON.stringify(body),
    {},
  );
}

describe('clusterFailure', () => {
  it('calls a 404 about the named object a failed request (1), naming the object and namespace', () => {
    const error = apiError(404, {
      kind: 'Status',
      reason: 'NotFound',
      details: { name: 'app-db', kind: 'externalsecrets' },
    });
    const failure = clusterFailure(error, connection, get);
    expect(failure.exitCode).toBe(exitCode.failed);
    expect(failure.message).toBe(
      'ExternalSecret "app-db" not found in namespace "app" (ferry status -n app lists the ones there)',
    );
  });

  it('calls a 404 of the API itself unavailable (3): the CRDs are missing', () => {
    const failure = clusterFailure(apiError(404, '404 page not found'), connection, get);
    expect(failure.exitCode).toBe(exitCode.unavailable);
    expect(failure.message).toContain('does not serve ferry.dev/v1alpha1 ExternalSecrets; install Ferry');
  });

  it('calls rejected credentials and forbidden requests unavailable (3), with what to do', () => {
    const unauthorized = clusterFailure(apiError(401, undefined), connection, get);
    expect(unauthorized.exitCode).toBe(exitCode.unavailable);
    expect(unauthorized.message).toBe(
      'cannot get ExternalSecret "app-db" in namespace "app": the cluster at https://10.0.0.1:6443 (kubeconfig context "prod") rejected the credentials (401 Unauthorized); log in again, or choose another --context',
    );
    const message =
      'externalsecrets.ferry.dev "app-db" is forbidden: User "jane" cannot get resource "externalsecrets"';
    const forbidden = clusterFailure(
      apiError(403, { kind: 'Status', reason: 'Forbidden', message }),
      connection,
      get,
    );
    expect(forbidden.exitCode).toBe(exitCode.unavailable);
    expect(forbidden.message).toBe(
      `cannot get ExternalSecret "app-db" in namespace "app": forbidden (${message}); ask for RBAC that allows "get" on externalsecrets.ferry.dev, or choose another --context`,
    );
  });

  it('calls a network failure unavailable (3), keeping the reason fetch hides in `cause`', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), { code: 'ECONNREFUSED' }),
    });
    const failure = clusterFailure(error, connection, get);
    expect(failure.exitCode).toBe(exitCode.unavailable);
    expect(failure.message).toBe(
      'cannot get ExternalSecret "app-db" in namespace "app": cannot reach the cluster at https://10.0.0.1:6443 (kubeconfig context "prod"): connect ECONNREFUSED 10.0.0.1:6443; is it running, and is this the right --context?',
    );
  });

  it('treats a watch that failed to start (a plain Error with statusCode) like the API errors', () => {
    const error = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(clusterFailure(error, connection, { ...get, verb: 'watch' }).message).toContain(
      'ask for RBAC that allows "watch" on externalsecrets.ferry.dev',
    );
  });
});
