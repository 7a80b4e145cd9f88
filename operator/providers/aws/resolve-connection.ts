import { checkOperatorIdentityGranted, credentialText, checkedOpaque } from '../credential-checks.ts';
import type { AWSProviderConfig, ResolvedCredentials } from '../types.ts';
import type { AwsConnection, BaseIdentity, RoleToAssume } from './aws-connection.ts';
import { checkConfigRules } from './config-rules.ts';
import { defaultChainIdentity, roleArnAnnotation, webIdentityRoleFromAnnotation } from './credential-refs.ts';

/** The checked connection of a store: its credentials read, its chain of roles laid out. */
export function resolveConnection(
  config: AWSProviderConfig,
  credentials: ResolvedCredentials,
): AwsConnection {
  checkConfigRules(config);
  return {
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.stsEndpoint === undefined ? {} : { stsEndpoint: config.stsEndpoint }),
    base: baseIdentity(config, credentials),
    roles: rolesToAssume(config, credentials),
  };
}

function baseIdentity(config: AWSProviderConfig, credentials: ResolvedCredentials): BaseIdentity {
  const { secretRef, jwt } = config.auth ?? {};
  if (secretRef) {
    const sessionToken =
      secretRef.sessionTokenSecretRef === undefined
        ? undefined
        : credentialValue(credentials, 'sessionToken', 'auth.secretRef.sessionTokenSecretRef');
    return {
      kind: 'accessKey',
      accessKeyId: credentialValue(credentials, 'accessKeyID', 'auth.secretRef.accessKeyIDSecretRef'),
      secretAccessKey: credentialValue(
        credentials,
        'secretAccessKey',
        'auth.secretRef.secretAccessKeySecretRef',
      ),
      ...(sessionToken === undefined ? {} : { sessionToken }),
    };
  }
  if (jwt) {
    return {
      kind: 'webIdentity',
      token: credentialValue(credentials, 'webIdentityToken', 'auth.jwt.serviceAccountRef'),
    };
  }
  checkOperatorIdentityGranted('aws', credentials, defaultChainIdentity);
  return { kind: 'defaultChain' };
}

/**
 * additionalRoles in order, then role: only role takes the external ID and the session tags (as
 * ESO). auth.jwt with neither: the role the ServiceAccount's annotation names.
 */
function rolesToAssume(config: AWSProviderConfig, credentials: ResolvedCredentials): RoleToAssume[] {
  if (webIdentityRoleFromAnnotation(config)) {
    return [{ roleArn: credentialValue(credentials, 'roleArn', `the ${roleArnAnnotation} annotation`) }];
  }
  const roles: RoleToAssume[] = (config.additionalRoles ?? []).map((roleArn) => ({ roleArn }));
  if (config.role !== undefined) {
    const tags = config.sessionTags ?? [];
    roles.push({
      roleArn: config.role,
      ...(config.externalID === undefined ? {} : { externalId: config.externalID }),
      ...(tags.length === 0 ? {} : { tags }),
      ...(config.transitiveTagKeys === undefined || tags.length === 0
        ? {}
        : { transitiveTagKeys: config.transitiveTagKeys }),
    });
  }
  return roles;
}

// Keys, secrets and tokens pasted into Secrets often end with a newline; none has whitespace inside.
function credentialValue(credentials: ResolvedCredentials, name: string, field: string): string {
  return checkedOpaque('aws', credentialText('aws', credentials, name, field), field, 'credential');
}
