export { vaultProvider } from './provider.ts';
