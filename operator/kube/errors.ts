import { ApiException } from '@kubernetes/client-node';

/** A Kubernetes API failure reduced to what is safe and useful to log or put in a status message. */
export interface KubeErrorSummary {
  code?: number;
  reason?: string;
  message: string;
}

/**
 * client-node's ApiException carries the response body as a string (a Status object); parse it
 * for reason and message. Never include headers: they may carry the bearer token.
 */
export function describeKubeError(error: unknown): KubeErrorSummary {
  if (error instanceof ApiException) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const status = parseStatus(error.body);
    return {
      ...(code !== undefined ? { code } : {}),
      ...(status.reason ? { reason: status.reason } : {}),
      message: status.message ?? `HTTP ${String(error.code)}`,
    };
  }
  if (error instanceof Error) {
    const code = (error as { statusCode?: unknown }).statusCode;
    return { ...(typeof code === 'number' ? { code } : {}), message: error.message };
  }
  return { message: String(error) };
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiException && error.code === 409;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

function parseStatus(body: unknown): { reason?: string; message?: string } {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  if (parsed && typeof parsed === 'object') {
    const { reason, message } = parsed as { reason?: unknown; message?: unknown };
    return {
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  }
  return {};
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
