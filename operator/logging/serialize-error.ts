/**
 * The parts of an error worth logging, as a plain object for the redactor to walk. Only these:
 * other own properties (an HTTP client's request config, response headers) are where credentials hide.
 */
export function errorFields(error: Error): Record<string, unknown> {
  if (carriesResponse(error)) return responseErrorFields(error);
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  if (error.stack !== undefined) fields.stack = error.stack;
  const { code, reason } = error as Error & { code?: unknown; reason?: unknown };
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (reason !== undefined) fields.reason = reason;
  if (error.cause !== undefined) fields.cause = error.cause;
  if (error instanceof AggregateError && Array.isArray(error.errors))
    fields.errors = error.errors.slice(0, 10);
  return fields;
}

/**
 * An HTTP client's error that keeps the response (client-node's ApiException: `body` and `headers`)
 * writes both into its message and so into its stack ("Body: … Headers: …", audit ids, a refused
 * object's values). Logged by status code alone, wherever it turns up (as a field, as a cause).
 */
function carriesResponse(error: Error): error is Error & { body: unknown; headers: unknown } {
  return Object.hasOwn(error, 'body') && Object.hasOwn(error, 'headers');
}

function responseErrorFields(error: Error): Record<string, unknown> {
  const { code } = error as Error & { code?: unknown };
  const status = typeof code === 'number' ? `HTTP ${String(code)}` : 'an HTTP error';
  return {
    name: error.name,
    ...(typeof code === 'number' ? { code } : {}),
    message: `${status} (its response body and headers are not logged)`,
  };
}
