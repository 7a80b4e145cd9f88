// google-auth-library clients for each AuthPlan. Loaded only when a gcpsm store is used.
import { IdentityPoolClient, JWT, PassThroughClient, type AuthClient } from 'google-auth-library';
import { impersonationUrl, jwtTokenType, stsTokenUrl, type AuthPlan } from './resolve-auth.ts';

export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * The AuthClient to hand the SDK, or undefined for Application Default Credentials (the SDK then
 * builds its own GoogleAuth, which reads the environment and the metadata server as ESO's does).
 * Each client caches its access token and refreshes it before expiry, one refresh at a time.
 */
export function authClientFor(plan: AuthPlan): AuthClient | undefined {
  switch (plan.kind) {
    case 'none':
      return new PassThroughClient();
    case 'serviceAccountKey':
      return new JWT({
        email: plan.clientEmail,
        key: plan.privateKey,
        ...(plan.privateKeyId === undefined ? {} : { keyId: plan.privateKeyId }),
        scopes: [cloudPlatformScope],
      });
    case 'externalAccount':
      return new IdentityPoolClient({
        type: 'external_account',
        audience: plan.audience,
        subject_token_type: jwtTokenType,
        token_url: stsTokenUrl,
        scopes: [cloudPlatformScope],
        ...(plan.impersonate === undefined
          ? {}
          : { service_account_impersonation_url: impersonationUrl(plan.impersonate) }),
        // The controller resolved the token for this client; a client lives shorter than the token.
        subject_token_supplier: { getSubjectToken: () => Promise.resolve(plan.subjectToken) },
      });
    case 'applicationDefault':
      return undefined;
  }
}
