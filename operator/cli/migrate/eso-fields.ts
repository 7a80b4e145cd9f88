// What the report says about an ESO field that Ferry's API does not have, or has but does not act
// on. Patterns are field paths with list indexes as `[]` (see pathPattern).
import { providerNames } from '../../api/v1alpha1/index.ts';

interface Advice {
  message: string;
  action: string;
}

/** Why a field does not carry over, and what to do instead. */
export function droppedFieldAdvice(pattern: string): Advice {
  const provider = /^spec\.provider\.([^.]+)$/.exec(pattern);
  if (provider) {
    return {
      message: `the ${provider[1] ?? ''} provider is not supported by Ferry (it has: ${providerNames.join(', ')})`,
      action:
        'keep this store and the ExternalSecrets that use it on External Secrets Operator, or move the secrets to a store Ferry supports',
    };
  }
  const vaultAuth = /^spec\.provider\.vault\.auth\.(ldap|iam|gcp)$/.exec(pattern);
  if (vaultAuth) {
    return {
      message: `Vault's ${vaultAuth[1] ?? ''} auth method is not supported by Ferry`,
      action:
        'log in with tokenSecretRef, appRole, kubernetes, jwt, cert or userPass (docs/providers/vault.md)',
    };
  }
  if (/\.sourceRef\.generatorRef$/.test(pattern)) {
    return {
      message: 'generators are not supported by Ferry',
      action:
        'keep this ExternalSecret on External Secrets Operator, or store the generated value in a secret store',
    };
  }
  return {
    message: "Ferry's API has no such field; it is left out",
    action: 'remove it, or see docs/api.md and docs/providers/ for what Ferry offers instead',
  };
}

/** Fields Ferry accepts for ESO compatibility but does not act on: carried over, with a warning. */
export const acceptedButIgnored: readonly { pattern: RegExp; message: string }[] = [
  {
    pattern: /^spec\.controller$/,
    message: 'Ferry has no controller classes: every Ferry instance handles this store',
  },
  {
    pattern: /^spec\.retrySettings$/,
    message:
      "not implemented by Ferry: calls to the store are retried with the controller's per-object exponential backoff",
  },
  {
    pattern: /^spec\.provider\.azurekv\.useAzureSDK$/,
    message: 'no effect: Ferry always uses the current Azure SDK',
  },
  { pattern: /^spec\.provider\.vault\.readYourWrites$/, message: 'no effect: Ferry only reads' },
  {
    pattern: /^spec\.provider\.aws\.secretsManager$/,
    message: 'applies to PushSecret deletions, which Ferry does not have yet',
  },
  {
    pattern: /^spec\.provider\.vault\.auth\.jwt\.kubernetesServiceAccountToken\.expirationSeconds$/,
    message: 'no effect: Ferry requests 10-minute tokens and logs in again with a new one',
  },
];
