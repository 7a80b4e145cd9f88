export { loadKubeConfig, clusterServer, type KubeConfigSource } from './kubeconfig.ts';
export { SupervisedInformer, type InformerEvent, type InformerSpec } from './supervised-informer.ts';
export { ChangeStream, type ChangeStreamSpec } from './change-stream.ts';
export type { SecretMetadata } from './secret-metadata.ts';
export {
  describeKubeError,
  isConflict,
  isForbidden,
  isInvalidObject,
  isKubeApiError,
  isNotFound,
  kubeErrorLogFields,
  type KubeErrorSummary,
} from './errors.ts';
export {
  ClusterClient,
  type EventRecord,
  type JsonPatchOperation,
  type ObjectReference,
} from './cluster-client.ts';
export { customResourceInformer } from './custom-resource-informer.ts';
