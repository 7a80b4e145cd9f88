import { isIP } from 'node:net';
import { InvalidConfigError } from '../errors.ts';
import { withoutTrailingSlashes } from '../edge-slashes.ts';

/** The vault's origin, checked: https, no credentials, no path beyond "/". */
export function normalizeVaultUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not quoted: a mistyped URL may still hold a password.
    throw new InvalidConfigError(
      'azurekv: vaultUrl is not a valid URL; expected e.g. "https://my-vault.vault.azure.net"',
    );
  }
  if (url.protocol !== 'https:') {
    throw new InvalidConfigError('azurekv: vaultUrl must use https (tokens would travel in clear text)');
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidConfigError('azurekv: vaultUrl must not contain a user name or password');
  }
  if (withoutTrailingSlashes(url.pathname) !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidConfigError(
      'azurekv: vaultUrl is the vault itself, without a path, e.g. "https://my-vault.vault.azure.net"',
    );
  }
  return url.origin;
}

/** Whether the vault answers on this machine's loopback: an emulator or a port-forward in the operator's pod. */
export function isLoopbackVault(vaultUrl: string): boolean {
  const host = new URL(vaultUrl).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
