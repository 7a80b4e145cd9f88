import type { V1Secret } from '@kubernetes/client-node';
import {
  dataHashAnnotation,
  managedLabel,
  ownerLabel,
  type ExternalSecret,
} from '../../api/v1alpha1/index.ts';

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
}): V1Secret {
  const { es, name, data, labels, annotations, type, hash, owner } = options;
  const { target } = es.spec;
  const withOwnerReference = target.creationPolicy === 'Owner' && es.metadata.uid !== undefined;
  // A merged Secret may have several writers: Ferry's markers would flip between them.
  const markers = target.creationPolicy !== 'Merge';
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: es.metadata.namespace ?? '',
      labels: {
        ...labels,
        ...(markers ? { [managedLabel]: 'true', [ownerLabel]: owner } : {}),
      },
      annotations: {
        ...annotations,
        ...(markers ? { [dataHashAnnotation]: hash } : {}),
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
    },
    // The type of an existing Secret cannot change; Merge leaves it to whoever created the Secret.
    ...(target.creationPolicy === 'Merge' ? {} : { type }),
    ...(target.immutable ? { immutable: true } : {}),
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  };
}

export function targetSecretName(es: ExternalSecret): string {
  return es.spec.target.name ?? es.metadata.name ?? '';
}
