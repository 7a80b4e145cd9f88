import type { SecretsClient } from '../../providers/index.ts';
import type { SharedReadsClient } from './coalescing-client.ts';
import type { InFlight } from './in-flight.ts';
import { withPropertySelectorOf } from './property-selector.ts';

/** `client`, every call of it (and of its readingSince views) counted in `inFlight`. */
export function inFlightClient(client: SharedReadsClient, inFlight: InFlight): SharedReadsClient {
  const counted = (view: SecretsClient): SecretsClient =>
    withPropertySelectorOf(view, {
      getSecret: (ref, signal) => inFlight.around(() => view.getSecret(ref, signal)),
      getSecretMap: (ref, signal) => inFlight.around(() => view.getSecretMap(ref, signal)),
      findSecrets: (query, signal) => inFlight.around(() => view.findSecrets(query, signal)),
      validate: (signal) => inFlight.around(() => view.validate(signal)),
      close: () => view.close(),
    });
  return { ...counted(client), readingSince: (notBefore) => counted(client.readingSince(notBefore)) };
}
