export { loadKubeConfig, clusterServer, type KubeConfigSource } from './kubeconfig.ts';
export { SupervisedInformer, type InformerEvent, type InformerSpec } from './supervised-informer.ts';
export { describeKubeError, isConflict, isNotFound, type KubeErrorSummary } from './errors.ts';
