import { fakeConfigSchema } from '../config-schemas.ts';
import type { FakeProviderConfig, Provider } from '../types.ts';
import { createFakeClient } from './fake-client.ts';

export const fakeProvider: Provider<FakeProviderConfig> = {
  name: 'fake',
  configSchema: fakeConfigSchema,
  // ESO's fake also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: () => [],
  newClient: (config) => Promise.resolve(createFakeClient(config)),
  endpointOf: () => 'the store spec',
  clientBytes: 1024,
};
