export { StoreClients, type AnyStore } from './store-clients.ts';
