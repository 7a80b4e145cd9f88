import { InvalidConfigError } from '../errors.ts';
import { withoutTrailingSlashes } from '../edge-slashes.ts';

/** `server.url`'s default, ESO's name for the cluster the operator runs in. */
export const localClusterAlias = 'kubernetes.default';
export const localClusterUrl = 'https://kubernetes.default.svc';
/** Accepts ESO's forms: the local-cluster alias, a host[:port], or a full https URL. */
export function normalizeServerUrl(raw: string, field: string): string {
  const withScheme =
    raw === localClusterAlias
      ? localClusterUrl
      : /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)
        ? raw
        : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The raw text is not quoted: a mistyped URL may still hold a password.
    throw new InvalidConfigError(
      `kubernetes: ${field} is not a valid URL; expected e.g. "https://10.0.0.1:6443"`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidConfigError(
      `kubernetes: ${field} must not contain a user name or password; put credentials in auth`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new InvalidConfigError(
      `kubernetes: ${field} must use https (credentials would travel in clear text)`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidConfigError(`kubernetes: ${field} must not have a query or fragment`);
  }
  return `${url.origin}${withoutTrailingSlashes(url.pathname)}`;
}
