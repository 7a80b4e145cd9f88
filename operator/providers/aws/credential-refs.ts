import type { AWSProviderConfig, CredentialRef } from '../types.ts';
import { checkConfigRules } from './config-rules.ts';
import { operatorIdentityRef, secretKeyCredential } from '../credential-ref-builders.ts';

/** The audience AWS STS expects of a web identity token unless the identity provider says otherwise. */
export const stsAudience = 'sts.amazonaws.com';

/** Where an IRSA ServiceAccount names its role (EKS's convention, which ESO follows). */
export const roleArnAnnotation = 'eks.amazonaws.com/role-arn';

/** What a store without auth uses: the operator's own AWS identity. */
export const defaultChainIdentity =
  "the operator's own AWS identity (the AWS SDK's default credential chain: environment variables, shared config, web identity token file, container or instance role)";

/**
 * The credentials an aws store needs, by the names `resolveConnection` reads: `accessKeyID`,
 * `secretAccessKey` and `sessionToken` (auth.secretRef), or `webIdentityToken` (auth.jwt) — with
 * `roleArn`, the ServiceAccount's eks.amazonaws.com/role-arn annotation, when the spec names no
 * role to assume with it. Without auth, the operator's own identity (the SDK's default chain), even
 * when a role is assumed with it: that role trusts the operator's identity, not the store's.
 */
export function awsCredentialRefs(config: AWSProviderConfig): CredentialRef[] {
  checkConfigRules(config);
  const { secretRef, jwt } = config.auth ?? {};
  if (secretRef) {
    const refs = [
      secretKeyCredential(
        'aws',
        'accessKeyID',
        secretRef.accessKeyIDSecretRef,
        'auth.secretRef.accessKeyIDSecretRef',
      ),
      secretKeyCredential(
        'aws',
        'secretAccessKey',
        secretRef.secretAccessKeySecretRef,
        'auth.secretRef.secretAccessKeySecretRef',
      ),
    ];
    if (secretRef.sessionTokenSecretRef) {
      refs.push(
        secretKeyCredential(
          'aws',
          'sessionToken',
          secretRef.sessionTokenSecretRef,
          'auth.secretRef.sessionTokenSecretRef',
        ),
      );
    }
    return refs;
  }
  if (jwt) {
    const { name, namespace, audiences = [] } = jwt.serviceAccountRef;
    // As ESO: sts.amazonaws.com first, then the extra audiences the spec names.
    const refs: CredentialRef[] = [
      {
        name: 'webIdentityToken',
        kind: 'serviceAccountToken',
        serviceAccountName: name,
        namespace,
        audiences: [...new Set([stsAudience, ...audiences])],
      },
    ];
    if (webIdentityRoleFromAnnotation(config)) {
      refs.push({
        name: 'roleArn',
        kind: 'serviceAccountAnnotation',
        serviceAccountName: name,
        namespace,
        annotation: roleArnAnnotation,
      });
    }
    return refs;
  }
  return [operatorIdentityRef(defaultChainIdentity, 'auth.secretRef or auth.jwt')];
}

/** auth.jwt with neither role nor additionalRoles: the token is exchanged for the role the ServiceAccount names. */
export function webIdentityRoleFromAnnotation(config: AWSProviderConfig): boolean {
  return (
    config.auth?.jwt !== undefined && config.role === undefined && (config.additionalRoles ?? []).length === 0
  );
}
