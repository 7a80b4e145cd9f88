export { kubernetesProvider } from './provider.ts';
