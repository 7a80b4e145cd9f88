import { ApiException } from '@kubernetes/client-node';
import {
  conditionReady,
  secretStoreReasons as reasons,
  type Condition,
  type SecretStoreStatus,
} from '../../api/v1alpha1/index.ts';
import { describeKubeError } from '../../kube/index.ts';
import { scrubString } from '../../logging/index.ts';
import {
  InvalidConfigError,
  ProviderError,
  UnavailableError,
  type Capabilities,
  type ValidationResult,
} from '../../providers/index.ts';
import { OperatorIdentityRefusedError } from '../store-clients/index.ts';

export type SecretStoreReason = (typeof reasons)[keyof typeof reasons];

/** What one validation found, as the Ready condition says it: never a credential or a value. */
export interface StoreVerdict {
  ready: boolean;
  reason: SecretStoreReason;
  message: string;
}

/** The verdict of `SecretsClient.validate`; as in ESO, a store that cannot be checked counts as valid. */
export function verdictOf(result: ValidationResult, provider: string): StoreVerdict {
  switch (result) {
    case 'Ready':
      return {
        ready: true,
        reason: reasons.valid,
        message: `the ${provider} provider reached the store with these credentials`,
      };
    case 'Unknown':
      return {
        ready: true,
        reason: reasons.valid,
        message: `the configuration is valid; the ${provider} provider cannot check whether the store is reachable with these credentials`,
      };
    case 'Error':
      return {
        ready: false,
        reason: reasons.validationFailed,
        message: `the ${provider} provider could not use the store with these credentials; check that they are current and may read secrets there`,
      };
  }
}

/**
 * The verdict of a failure to build or validate the client. An InvalidConfigError (a credential
 * that cannot be read, a malformed CA) is the store's configuration; anything else is the store
 * refusing or failing. Never a credential or a value in the message.
 */
export function failureVerdict(error: unknown): StoreVerdict {
  if (error instanceof OperatorIdentityRefusedError) {
    return { ready: false, reason: reasons.ambientCredentialsNotAllowed, message: error.message };
  }
  if (error instanceof InvalidConfigError) {
    return { ready: false, reason: reasons.invalidProviderConfig, message: withKubeReason(error) };
  }
  // Provider messages are sanitised by their adapter; anything else is scrubbed here.
  const message =
    error instanceof ProviderError ? error.message : scrubString(describeKubeError(error).message);
  // Refused, reset, timed out: the server, not the store's spec or credentials.
  if (error instanceof UnavailableError)
    return { ready: false, reason: reasons.providerUnavailable, message };
  return { ready: false, reason: reasons.validationFailed, message };
}

/** A credential lookup fails with the API's error as cause: its reason (NotFound, Forbidden) says which fix applies. */
function withKubeReason(error: InvalidConfigError): string {
  if (!(error.cause instanceof ApiException)) return error.message;
  const { code, reason } = describeKubeError(error.cause);
  return `${error.message}: ${reason ?? `HTTP ${String(code)}`}`;
}

/** True when the Ready condition would say something else than `previous` does (worth an Event). */
export function verdictChanged(previous: SecretStoreStatus | undefined, verdict: StoreVerdict): boolean {
  const ready = previous?.conditions?.find((condition) => condition.type === conditionReady);
  return ready?.status !== (verdict.ready ? 'True' : 'False') || ready.reason !== verdict.reason;
}

/**
 * The status after a validation. Conditions of other types are kept; the Ready condition's
 * lastTransitionTime moves only when its status flips (the Kubernetes convention), so a store
 * validated again with the same outcome yields a deep-equal status and no write.
 */
export function nextStoreStatus(options: {
  previous: SecretStoreStatus | undefined;
  verdict: StoreVerdict;
  /** Absent when the provider block could not be read. */
  capabilities: Capabilities | undefined;
  generation: number | undefined;
  now: string;
}): SecretStoreStatus {
  const { previous, verdict, capabilities, generation, now } = options;
  const others = (previous?.conditions ?? []).filter((condition) => condition.type !== conditionReady);
  const previousReady = previous?.conditions?.find((condition) => condition.type === conditionReady);
  const status = verdict.ready ? 'True' : 'False';
  const ready: Condition = {
    type: conditionReady,
    status,
    reason: verdict.reason,
    message: verdict.message,
    lastTransitionTime: previousReady?.status === status ? previousReady.lastTransitionTime : now,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
  return {
    conditions: [...others, ready],
    ...(capabilities !== undefined ? { capabilities } : {}),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}
