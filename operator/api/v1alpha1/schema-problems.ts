import type { z } from 'zod';

/**
 * What is wrong with an object read from the API server, as status shows it: each issue's field from
 * the object's root, written as kubectl and the API server write it (`spec.data[0].secretKey`).
 */
export function schemaProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`).join('; ');
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${String(part)}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
