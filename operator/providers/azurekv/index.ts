export { azurekvProvider } from './provider.ts';
