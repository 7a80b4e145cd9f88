import { ApiException } from '@kubernetes/client-node';

/** A Kubernetes API failure reduced to what is safe and useful to log or put in a status message. */
export interface KubeErrorSummary {
  code?: number;
  reason?: string;
  message: string;
}

/**
 * client-node's ApiException carries the response body as a string (a Status object); parse it
 * for reason and message. Never include headers: they may carry the bearer token. A refused object
 * (400, 422) is described by the fields the Status names, not its message, which quotes the values
 * it refused — Secret data among them (a JSON parser's "invalid character 'p'" is a byte of one).
 */
export function describeKubeError(error: unknown): KubeErrorSummary {
  if (error instanceof ApiException) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const status = parseStatus(error.body);
    return {
      ...(code !== undefined ? { code } : {}),
      ...(status.reason ? { reason: status.reason } : {}),
      message: isInvalidObject(error)
        ? refusalMessage(status, error.code)
        : (status.message ?? `HTTP ${String(error.code)}`),
    };
  }
  if (error instanceof Error) {
    const code = (error as { statusCode?: unknown }).statusCode;
    return { ...(typeof code === 'number' ? { code } : {}), message: error.message };
  }
  return { message: String(error) };
}

/**
 * A Kubernetes API failure as a log line carries it: the status code, the Status reason, the kind
 * and name of the object (from the Status' details) and the fields it names — never the Status
 * message, the raw body or the response headers. client-node's ApiException puts both in its
 * `message` ("Body: … Headers: …", audit ids included), and an Invalid Status quotes the values it
 * refused; neither belongs in a log. Anything else that is not an API error keeps its message.
 */
export function kubeErrorLogFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof ApiException)) {
    if (error instanceof Error) {
      const code = (error as { statusCode?: unknown }).statusCode;
      return { ...(typeof code === 'number' ? { code } : {}), message: error.message };
    }
    return { message: 'a value that is not an Error was thrown' };
  }
  const status = parseStatus(error.body);
  return {
    ...(typeof error.code === 'number' ? { code: error.code } : {}),
    ...(status.reason ? { reason: status.reason } : {}),
    ...(status.kind ? { kind: status.kind } : {}),
    ...(status.name ? { name: status.name } : {}),
    ...(status.fields.length > 0 ? { fields: status.fields } : {}),
  };
}

/** An error the API server answered (client-node's ApiException), as opposed to a network failure. */
export function isKubeApiError(error: unknown): boolean {
  return error instanceof ApiException;
}

/** Refusals of the object as sent (400, 422): their Status message quotes what was sent. */
export function isInvalidObject(error: unknown): boolean {
  return error instanceof ApiException && (error.code === 422 || error.code === 400);
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiException && error.code === 409;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiException && error.code === 403;
}

function refusalMessage(status: StatusParts, code: number): string {
  const object = status.kind && status.name ? `${status.kind} "${status.name}"` : 'the object';
  const fields = status.fields.length > 0 ? `: invalid ${status.fields.join(', ')}` : '';
  return `the API server refused ${object} (${status.reason ?? 'Invalid'}, HTTP ${String(code)})${fields}; its message is not shown, as it may quote the values it refused`;
}

interface StatusParts {
  reason?: string;
  message?: string;
  kind?: string;
  name?: string;
  /** The fields details.causes name (at most 10), e.g. `data[.dockerconfigjson]`. */
  fields: string[];
}

function parseStatus(body: unknown): StatusParts {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  if (!parsed || typeof parsed !== 'object') return { fields: [] };
  const { reason, message, details } = parsed as { reason?: unknown; message?: unknown; details?: unknown };
  const { kind, name, causes } = (details && typeof details === 'object' ? details : {}) as {
    kind?: unknown;
    name?: unknown;
    causes?: unknown;
  };
  const fields = Array.isArray(causes)
    ? causes
        .map((cause: unknown) => (cause as { field?: unknown } | null)?.field)
        .filter((field): field is string => typeof field === 'string')
        .slice(0, 10)
    : [];
  return {
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof kind === 'string' ? { kind } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    fields,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
