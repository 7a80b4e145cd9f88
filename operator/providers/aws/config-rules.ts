// The store's cross-field rules. The CRD enforces them at admission with CEL; zod does not run CEL,
// so an object that skipped admission (or a test) is checked here with the same words.
import { InvalidConfigError } from '../errors.ts';
import type { AWSProviderConfig } from '../types.ts';

export function checkConfigRules(config: AWSProviderConfig): void {
  const fail = (message: string): never => {
    throw new InvalidConfigError(`aws: ${message}`);
  };
  if (config.service !== 'SecretsManager') {
    fail(`service ${config.service} is not supported by Ferry yet; use SecretsManager`);
  }
  if (config.sessionTagsPolicy !== undefined && config.sessionTagsPolicy !== 'None') {
    fail('sessionTagsPolicy Simple and Custom are not supported by Ferry yet; use sessionTags');
  }
  const { auth } = config;
  if (auth?.secretRef && auth.jwt) {
    fail("auth takes at most one of secretRef or jwt (none: the AWS SDK's default credential chain)");
  }
  const hasAdditionalRoles = (config.additionalRoles ?? []).length > 0;
  const hasSessionOptions = config.externalID !== undefined || config.sessionTags !== undefined;
  if ((hasSessionOptions || config.transitiveTagKeys !== undefined) && config.role === undefined) {
    fail('externalID, sessionTags and transitiveTagKeys apply when assuming role: set role');
  }
  if (auth?.jwt && hasSessionOptions && !hasAdditionalRoles) {
    fail(
      "with auth.jwt, role is assumed with the ServiceAccount's token, which takes no externalID or sessionTags: put that web identity role first in additionalRoles and keep role for the role that needs them",
    );
  }
}
