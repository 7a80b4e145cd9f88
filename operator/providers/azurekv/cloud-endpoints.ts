import { InvalidConfigError } from '../errors.ts';
import type { AzureKVProviderConfig } from '../types.ts';
import { withoutTrailingSlashes } from '../edge-slashes.ts';

// Azure AD authority hosts of the clouds ESO names (go-autorest's environments).
const authorityHosts: Record<string, string> = {
  PublicCloud: 'https://login.microsoftonline.com',
  USGovernmentCloud: 'https://login.microsoftonline.us',
  ChinaCloud: 'https://login.chinacloudapi.cn',
};

/** The authority host for the store's cloud; customCloudConfig overrides it, as in ESO. */
export function authorityHostFor(config: AzureKVProviderConfig): { host: string; custom: boolean } {
  const custom = config.customCloudConfig?.activeDirectoryEndpoint;
  if (config.environmentType === 'GermanCloud') {
    throw new InvalidConfigError(
      'azurekv: environmentType GermanCloud: Microsoft Cloud Deutschland closed in 2021; use PublicCloud, or AzureStackCloud with customCloudConfig',
    );
  }
  if (custom !== undefined)
    return { host: withoutTrailingSlashes(custom), custom: !isKnownAuthority(custom) };
  const known = authorityHosts[config.environmentType];
  if (known === undefined) {
    throw new InvalidConfigError(
      `azurekv: environmentType ${config.environmentType} needs customCloudConfig.activeDirectoryEndpoint`,
    );
  }
  return { host: known, custom: false };
}

function isKnownAuthority(url: string): boolean {
  const host = new URL(url).host;
  return Object.values(authorityHosts).some((known) => new URL(known).host === host);
}
