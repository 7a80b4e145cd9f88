import type { FieldPath } from '../lint/index.ts';

/**
 * error: something of the input did not carry over (a field, an entry, a whole object).
 * warning: it carried over, but behaves differently in Ferry or needs something from the user.
 */
export type NoteSeverity = 'error' | 'warning';

/** One thing the report says about one input object, at a field of the input. Never a value. */
export interface Note {
  path: FieldPath;
  severity: NoteSeverity;
  /** What happened and why. */
  message: string;
  /** What the user should do about it. */
  action?: string;
}

export function error(path: FieldPath, message: string, action?: string): Note {
  return { path, severity: 'error', message, ...(action !== undefined && { action }) };
}

export function warning(path: FieldPath, message: string, action?: string): Note {
  return { path, severity: 'warning', message, ...(action !== undefined && { action }) };
}
