/**
 * The parts of an error worth logging, as a plain object for the redactor to walk. Only these:
 * other own properties (an HTTP client's request config, response headers) are where credentials hide.
 */
export function errorFields(error: Error): Record<string, unknown> {
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
