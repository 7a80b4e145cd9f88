export { awsProvider } from './provider.ts';
