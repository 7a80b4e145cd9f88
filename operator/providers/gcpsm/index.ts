export { gcpsmProvider } from './provider.ts';
