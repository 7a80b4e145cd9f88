import type { z } from 'zod';
import { group, version } from './constants.ts';
import { ExternalSecretSpec, ExternalSecretStatus } from './external-secret.ts';
import { ClusterSecretStoreSpec, SecretStoreSpec, SecretStoreStatus } from './secret-store.ts';
import { structuralSchema } from './structural-schema.ts';

interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'boolean';
  jsonPath: string;
  priority?: number;
}

interface CrdDefinition {
  kind: string;
  plural: string;
  /**
   * ESO's short name first (muscle memory), then one of Ferry's own: with ESO's CRDs installed, as on
   * every cluster that migrates, kubectl resolves `es` to ESO's kind, never to ours.
   */
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  spec: z.ZodType;
  status: z.ZodType;
  printerColumns: PrinterColumn[];
}

const readyReason = '.status.conditions[?(@.type=="Ready")].reason';
const readyStatus = '.status.conditions[?(@.type=="Ready")].status';
const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

const storeColumns: PrinterColumn[] = [
  age,
  { name: 'Status', type: 'string', jsonPath: readyReason },
  { name: 'Capabilities', type: 'string', jsonPath: '.status.capabilities' },
  { name: 'Ready', type: 'string', jsonPath: readyStatus },
];

export const crdDefinitions: CrdDefinition[] = [
  {
    kind: 'ExternalSecret',
    plural: 'externalsecrets',
    shortNames: ['es', 'fes'],
    scope: 'Namespaced',
    spec: ExternalSecretSpec,
    status: ExternalSecretStatus,
    printerColumns: [
      { name: 'Store', type: 'string', jsonPath: '.spec.secretStoreRef.name' },
      { name: 'Refresh Interval', type: 'string', jsonPath: '.spec.refreshInterval' },
      { name: 'Status', type: 'string', jsonPath: readyReason },
      { name: 'Ready', type: 'string', jsonPath: readyStatus },
      { name: 'Last Sync', type: 'date', jsonPath: '.status.refreshTime' },
      age,
    ],
  },
  {
    kind: 'SecretStore',
    plural: 'secretstores',
    shortNames: ['ss', 'fss'],
    scope: 'Namespaced',
    spec: SecretStoreSpec,
    status: SecretStoreStatus,
    printerColumns: storeColumns,
  },
  {
    kind: 'ClusterSecretStore',
    plural: 'clustersecretstores',
    shortNames: ['css', 'fcss'],
    scope: 'Cluster',
    spec: ClusterSecretStoreSpec,
    status: SecretStoreStatus,
    printerColumns: storeColumns,
  },
];

/** The CustomResourceDefinition object of one kind, ready to apply. */
export function customResourceDefinition(definition: CrdDefinition): Record<string, unknown> {
  const singular = definition.kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${definition.plural}.${group}` },
    spec: {
      group,
      names: {
        kind: definition.kind,
        listKind: `${definition.kind}List`,
        plural: definition.plural,
        singular,
        shortNames: definition.shortNames,
        categories: ['ferry'],
      },
      scope: definition.scope,
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: definition.printerColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: `${definition.kind} of Ferry (${group}/${version}); field names follow External Secrets Operator's external-secrets.io/v1.`,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: structuralSchema(definition.spec),
                status: structuralSchema(definition.status),
              },
              required: ['spec'],
            },
          },
        },
      ],
    },
  };
}

/** File name in crds/, kubebuilder's convention: `<group>_<plural>.yaml`. */
export function crdFileName(definition: CrdDefinition): string {
  return `${group}_${definition.plural}.yaml`;
}
