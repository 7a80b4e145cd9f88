import type { z } from 'zod';
import type { ClusterSecretStore, ExternalSecret, SecretStore } from '../../api/v1alpha1/index.ts';
import { simulateAdmission } from './admission.ts';
import { externalSecretFindings, storeFindings } from './controller-checks.ts';
import { ferryApiVersion, ferryKinds } from './ferry-kinds.ts';
import { formatPath, type FieldPath, type ObjectFinding } from './findings.ts';

export type FerryObject = ExternalSecret | SecretStore | ClusterSecretStore;

export interface ObjectCheck {
  findings: ObjectFinding[];
  /** The object as the controller reads it (defaults applied), when the schema accepts it. */
  parsed: FerryObject | undefined;
}

const unknownFieldMessage =
  "unknown field: Ferry's API has no such field (kubectl's strict field validation refuses it; without it the API server drops it)";

function zodMessage(issue: z.core.$ZodIssue): string {
  // zod says "Invalid input: expected string, received undefined" for a field that is not there.
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return `required field is missing (expected ${issue.expected})`;
  return issue.message;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.every((part, index) => path[index] === part);
}

/**
 * Every problem of one Ferry object: what the API server refuses at admission (unknown fields, the
 * schema, the CRD's CEL rules) and what the controller refuses at sync time. Messages name fields,
 * never values.
 */
export function checkFerryObject(object: Record<string, unknown>): ObjectCheck {
  const kind = ferryKinds().get(String(object['kind']));
  if (!kind) throw new Error(`not a kind of Ferry: ${String(object['kind'])}`);
  const findings: ObjectFinding[] = [];
  const add = (finding: ObjectFinding) => {
    const key = `${formatPath(finding.path)}\0${finding.message}`;
    if (!findings.some((seen) => `${formatPath(seen.path)}\0${seen.message}` === key)) findings.push(finding);
  };

  if (object['apiVersion'] !== ferryApiVersion) {
    add({
      path: ['apiVersion'],
      message: `Ferry serves ${ferryApiVersion} only`,
      severity: 'error',
    });
  }
  const metadata = object['metadata'] as Record<string, unknown> | undefined;
  if (typeof metadata?.['name'] !== 'string' || metadata['name'] === '')
    add({ path: ['metadata', 'name'], message: 'required field is missing', severity: 'error' });

  const admission = simulateAdmission(kind.openApi, object);
  for (const path of admission.unknownFields)
    add({ path, message: unknownFieldMessage, severity: 'error', atKey: true });

  const { status: _status, ...withoutStatus } = object;
  const parsed = kind.schema.safeParse({ ...withoutStatus, apiVersion: ferryApiVersion });
  const schemaIssues = parsed.success ? [] : parsed.error.issues;
  for (const issue of schemaIssues) {
    add({ path: issue.path as FieldPath, message: zodMessage(issue), severity: 'error' });
  }
  for (const failure of admission.ruleFailures) add(failure);
  for (const { path, rule, error } of admission.unevaluated) {
    if (schemaIssues.some((issue) => startsWith(issue.path as FieldPath, path))) continue;
    add({
      path,
      message: `rule ${JSON.stringify(rule)} could not be evaluated: ${error}`,
      severity: 'error',
    });
  }

  const admitted = admission.admitted as Record<string, unknown>;
  const known = (path: FieldPath) => findings.some((finding) => startsWith(finding.path, path));
  const controllerFindings =
    kind.kind === 'ExternalSecret' ? externalSecretFindings(admitted) : storeFindings(admitted, known);
  for (const finding of controllerFindings) add(finding);
  return { findings, parsed: parsed.success ? (parsed.data as FerryObject) : undefined };
}
