import { ApiException } from '@kubernetes/client-node';
import { describeKubeError } from '../../kube/index.ts';
import { CliFailure } from '../cli-failure.ts';
import { exitCode } from '../command.ts';
import type { ClusterConnection } from './connect.ts';

/** What the CLI was doing when a request failed, for a message that says which object and where. */
export interface FailedRequest {
  /** e.g. `list ExternalSecrets in namespace "app"`. */
  readonly action: string;
  /** The ExternalSecret asked for by name, when there was one: a 404 then means it does not exist. */
  readonly object?: { readonly namespace: string; readonly name: string };
  /** The verb RBAC must grant, for the 403 hint: get, list, watch, patch. */
  readonly verb: string;
  /** The resource that verb applies to (default externalsecrets.ferry.dev). */
  readonly resource?: string;
}

/**
 * One line a person can act on, and the exit code: a named object that does not exist is a failed
 * request (1); anything that keeps the CLI from reading the cluster at all is unavailable (3).
 */
export function clusterFailure(
  error: unknown,
  connection: ClusterConnection,
  request: FailedRequest,
): CliFailure {
  const where = `the cluster at ${connection.server} (kubeconfig context "${connection.context}")`;
  if (error instanceof CliFailure) return error;
  if (error instanceof ApiException || hasStatusCode(error)) {
    const { code, message } = describeKubeError(error);
    const resource = request.resource ?? 'externalsecrets.ferry.dev';
    if (code === 404 && request.object && namesObject(error, request.object.name)) {
      const { namespace, name } = request.object;
      return new CliFailure(
        `ExternalSecret "${name}" not found in namespace "${namespace}" (ferry status -n ${namespace} lists the ones there)`,
        exitCode.failed,
        { cause: error },
      );
    }
    if (code === 404) {
      return new CliFailure(
        `cannot ${request.action}: ${where} does not serve ferry.dev/v1alpha1 ExternalSecrets; install Ferry's CRDs there, or choose another --context`,
        exitCode.unavailable,
        { cause: error },
      );
    }
    if (code === 401) {
      return new CliFailure(
        `cannot ${request.action}: ${where} rejected the credentials (401 Unauthorized); log in again, or choose another --context`,
        exitCode.unavailable,
        { cause: error },
      );
    }
    if (code === 403) {
      return new CliFailure(
        `cannot ${request.action}: forbidden (${message}); ask for RBAC that allows "${request.verb}" on ${resource}, or choose another --context`,
        exitCode.unavailable,
        { cause: error },
      );
    }
    return new CliFailure(
      `cannot ${request.action}: ${where} answered ${code === undefined ? 'with an error' : `HTTP ${String(code)}`}: ${message}`,
      exitCode.unavailable,
      { cause: error },
    );
  }
  if (error instanceof Error) {
    return new CliFailure(
      `cannot ${request.action}: cannot reach ${where}: ${networkReason(error)}; is it running, and is this the right --context?`,
      exitCode.unavailable,
      { cause: error },
    );
  }
  return new CliFailure(`cannot ${request.action}: ${String(error)}`, exitCode.unavailable);
}

/** A watch that failed to start reports the HTTP status as statusCode on a plain Error. */
function hasStatusCode(error: unknown): boolean {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

/** A 404 Status about the named object (not a 404 because the whole API is missing). */
function namesObject(error: unknown, name: string): boolean {
  if (!(error instanceof ApiException)) return false;
  const body: unknown = typeof error.body === 'string' ? safeJson(error.body) : error.body;
  const details = (body as { details?: { name?: unknown } } | undefined)?.details;
  return details?.name === name;
}

/** fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, a certificate error) in `cause`. */
function networkReason(error: Error): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error.message;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
