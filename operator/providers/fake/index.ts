export { fakeProvider } from './provider.ts';
