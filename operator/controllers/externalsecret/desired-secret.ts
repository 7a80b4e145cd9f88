import type { V1Secret } from '@kubernetes/client-node';
import {
  dataHashAnnotation,
  isReservedKey,
  managedLabel,
  ownerLabel,
  templateInputsHashAnnotation,
  type ExternalSecret,
} from '../../api/v1alpha1/index.ts';
import type { LiveTarget } from './live-target.ts';
import type { TargetRole } from './target-role.ts';

/** The Secret this ExternalSecret should produce, as a server-side-apply body (only fields Ferry owns). */
export function desiredSecret(options: {
  es: ExternalSecret;
  name: string;
  data: Readonly<Record<string, Uint8Array>>;
  /** The labels and annotations the template renders. */
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  type: string;
  hash: string;
  owner: string;
  role: TargetRole;
  /** template.metadata.finalizers as finalizersFor gives them. */
  finalizers?: readonly string[];
  /** Set when the template calls random or clock functions: see template-inputs.ts. */
  templateInputsHash?: string | undefined;
}): V1Secret {
  const { es, name, data, type, hash, owner, role, finalizers = [], templateInputsHash } = options;
  const { target } = es.spec;
  const withOwnerReference = target.creationPolicy === 'Owner' && es.metadata.uid !== undefined;
  // A merged Secret may have several writers: Ferry's markers would flip between them. A Secret that
  // CreateOrMerge created keeps the labels (one value per ExternalSecret, so no flipping), but not
  // the data-hash: other writers' keys would always look like drift.
  const labelled = role !== 'merged';
  const hashed = role === 'owned';
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: es.metadata.namespace ?? '',
      labels: {
        ...withoutReservedKeys(options.labels),
        ...(labelled ? { [managedLabel]: 'true', [ownerLabel]: owner } : {}),
      },
      annotations: {
        ...withoutReservedKeys(options.annotations),
        ...(hashed ? { [dataHashAnnotation]: hash } : {}),
        ...(templateInputsHash === undefined ? {} : { [templateInputsHashAnnotation]: templateInputsHash }),
      },
      ...(withOwnerReference
        ? {
            ownerReferences: [
              {
                apiVersion: es.apiVersion,
                kind: es.kind,
                name: es.metadata.name ?? '',
                uid: es.metadata.uid ?? '',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
      ...(finalizers.length > 0 ? { finalizers: [...finalizers] } : {}),
    },
    // The type of an existing Secret cannot change; a merged one's belongs to whoever created it.
    ...(role === 'merged' ? {} : { type }),
    ...(target.immutable ? { immutable: true } : {}),
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  };
}

/**
 * What the template rendered, less any key under Ferry's prefix: its markers come from Ferry alone,
 * under every creation policy (a marker on a Merge target would let another ExternalSecret adopt it).
 * Admission and rendering refuse such keys already; this is the last line.
 */
function withoutReservedKeys(entries: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => !isReservedKey(key)));
}

/**
 * The template's finalizers to put on the Secret. On a Secret being deleted none is added (the API
 * server refuses new ones), and those already there stay (an apply without them would drop them).
 */
export function finalizersFor(es: ExternalSecret, live: LiveTarget | undefined): string[] {
  const wanted = es.spec.target.template?.metadata?.finalizers ?? [];
  if (live?.metadata.deletionTimestamp === undefined) return wanted;
  const present = new Set(live.metadata.finalizers ?? []);
  return wanted.filter((finalizer) => present.has(finalizer));
}

export function targetSecretName(es: ExternalSecret): string {
  return es.spec.target.name ?? es.metadata.name ?? '';
}
