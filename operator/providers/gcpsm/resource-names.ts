// Secret Manager's resource names. Global secrets live under projects/<p>; regional ones under
// projects/<p>/locations/<l>, and only the regional endpoint serves them.
import { InvalidConfigError } from '../errors.ts';

export interface SecretScope {
  projectID: string;
  location?: string | undefined;
}

// Secret ids are 1-255 of [A-Za-z0-9_-]; version ids are numbers, `latest` or an alias of the same
// alphabet. Checked so that a key can never step into another project's path.
const secretIdPattern = /^[A-Za-z0-9_-]{1,255}$/;
const versionPattern = /^[A-Za-z0-9_-]{1,63}$/;

export function parentName(scope: SecretScope): string {
  const project = `projects/${scope.projectID}`;
  return scope.location === undefined ? project : `${project}/locations/${scope.location}`;
}

export function secretName(scope: SecretScope, key: string): string {
  if (!secretIdPattern.test(key)) {
    throw new InvalidConfigError(
      `gcpsm: key "${key}" is not a secret id: expected 1-255 letters, digits, "-" or "_"`,
    );
  }
  return `${parentName(scope)}/secrets/${key}`;
}

export function versionName(scope: SecretScope, key: string, version: string | undefined): string {
  const chosen = version ?? 'latest';
  if (!versionPattern.test(chosen)) {
    throw new InvalidConfigError(
      `gcpsm: version "${chosen}" of key "${key}" is not a version: expected "latest", a number or an alias`,
    );
  }
  return `${secretName(scope, key)}/versions/${chosen}`;
}

/**
 * The secret id at the end of a full name. The server may answer with the project's number where
 * the store named its id, so the id is taken after the last `/secrets/`, not by stripping a prefix.
 */
export function secretIdOf(fullName: string): string {
  const marker = '/secrets/';
  const at = fullName.lastIndexOf(marker);
  return at === -1 ? fullName : fullName.slice(at + marker.length);
}
