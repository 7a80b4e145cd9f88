// Store references checked against the stores of the same manifests: a reference whose kind or
// namespace does not match the store it evidently means would end in StoreNotFound at sync time.
// A store that is not among the manifests at all may live elsewhere, and is not reported.
import type { ExternalSecret } from '../../api/v1alpha1/index.ts';
import type { FerryObject } from './check-object.ts';
import type { FieldPath, ObjectFinding } from './findings.ts';

interface StoreEntry {
  kind: 'SecretStore' | 'ClusterSecretStore';
  name: string;
  namespace: string | undefined;
}

function storeRefs(spec: ExternalSecret['spec']): { path: FieldPath; kind: string; name: string }[] {
  const refs: { path: FieldPath; kind: string; name: string }[] = [];
  if (spec.secretStoreRef) refs.push({ path: ['spec', 'secretStoreRef'], ...spec.secretStoreRef });
  for (const field of ['data', 'dataFrom'] as const) {
    (spec[field] ?? []).forEach((entry, index) => {
      const ref = entry.sourceRef?.storeRef;
      if (ref) refs.push({ path: ['spec', field, index, 'sourceRef', 'storeRef'], ...ref });
    });
  }
  return refs;
}

/** Findings for each ExternalSecret of `objects` whose store references miss the stores among them. */
export function storeReferenceFindings(objects: readonly FerryObject[]): Map<FerryObject, ObjectFinding[]> {
  const stores: StoreEntry[] = objects
    .filter((object) => object.kind !== 'ExternalSecret')
    .map((store) => ({
      kind: store.kind,
      name: store.metadata.name ?? '',
      namespace: store.metadata.namespace,
    }));
  const found = new Map<FerryObject, ObjectFinding[]>();
  for (const object of objects) {
    if (object.kind !== 'ExternalSecret') continue;
    const namespace = object.metadata.namespace;
    const findings: ObjectFinding[] = [];
    for (const ref of storeRefs(object.spec)) {
      const named = stores.filter((store) => store.name === ref.name);
      const sameKind = named.filter((store) => store.kind === ref.kind);
      const reachable = sameKind.filter(
        (store) =>
          store.kind === 'ClusterSecretStore' ||
          store.namespace === undefined ||
          namespace === undefined ||
          store.namespace === namespace,
      );
      if (named.length === 0 || reachable.length > 0) continue;
      if (sameKind.length === 0) {
        const other = named[0]?.kind ?? '';
        findings.push({
          path: [...ref.path, 'kind'],
          message: `"${ref.name}" is a ${other} in these manifests, not a ${ref.kind}: set kind: ${other}`,
          severity: 'error',
        });
      } else {
        const where = sameKind.map((store) => `"${store.namespace ?? ''}"`).join(', ');
        findings.push({
          path: [...ref.path, 'name'],
          message: `SecretStore "${ref.name}" is in namespace ${where}, and a SecretStore serves its own namespace only: use a ClusterSecretStore, or a SecretStore in "${namespace ?? ''}"`,
          severity: 'error',
        });
      }
    }
    if (findings.length > 0) found.set(object, findings);
  }
  return found;
}
