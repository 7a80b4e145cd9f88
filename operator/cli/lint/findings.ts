/** A path into an object, as zod reports it: `['spec', 'data', 0, 'secretKey']`. */
export type FieldPath = readonly (string | number)[];

/**
 * error: the API server or the controller would refuse it. hint: worth knowing, not a failure
 * (an ESO manifest that `ferry migrate` converts), unless lint runs with --strict.
 */
export type Severity = 'error' | 'hint';

/** One problem of one object, at a field. The message names fields, never values. */
export interface ObjectFinding {
  path: FieldPath;
  message: string;
  severity: Severity;
  /** Point at the field's key (an unknown field) rather than its value. */
  atKey?: boolean;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `spec.data[0].secretKey`; map keys that are not identifiers in brackets: `labels["app.kubernetes.io/name"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${String(part)}]`;
    else if (identifier.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
