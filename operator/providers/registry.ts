import { awsProvider } from './aws/index.ts';
import { azurekvProvider } from './azurekv/index.ts';
import { fakeProvider } from './fake/index.ts';
import { gcpsmProvider } from './gcpsm/index.ts';
import { kubernetesProvider } from './kubernetes/index.ts';
import { vaultProvider } from './vault/index.ts';
import type { Provider } from './types.ts';

// Adapters are cheap to list: each loads its SDK with `await import` inside newClient, so a
// provider no store uses costs nothing at start-up.
const builtIn: Provider<unknown>[] = [
  fakeProvider,
  kubernetesProvider,
  awsProvider,
  vaultProvider,
  azurekvProvider,
  gcpsmProvider,
] as Provider<unknown>[];

/** Every provider of this build, by its field name in spec.provider. */
export const providers: ReadonlyMap<string, Provider<unknown>> = new Map(
  builtIn.map((provider) => [provider.name, provider]),
);

export function getProvider(name: string): Provider<unknown> | undefined {
  return providers.get(name);
}
