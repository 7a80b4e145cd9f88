// Writes test objects into a Lowkey Vault with the Azure SDK, as a person would with `az keyvault`.
// Lowkey Vault accepts any bearer token, so seeding uses a fixed one; the adapter under test gets
// its tokens through real credential flows.
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';

const seedingCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: 'lowkey-vault-seeding', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * Trusts the server's CA for TLS connections this process makes from now on, on top of the
 * default roots: the in-process counterpart of NODE_EXTRA_CA_CERTS, so TLS stays verified.
 */
export function trustLowkeyVaultCa(env: Record<string, string>): void {
  const caFile = env['AZURE_KEYVAULT_CA_FILE'];
  if (caFile === undefined) throw new Error('AZURE_KEYVAULT_CA_FILE is not set');
  const caPem = readFileSync(caFile, 'utf8');
  const current = getCACertificates('default');
  if (!current.includes(caPem)) setDefaultCACertificates([...current, caPem]);
}

export interface LowkeyVaultSeeder {
  /** Stores a new version of the secret and returns that version's id. */
  setSecret(
    name: string,
    value: string,
    options?: { tags?: Record<string, string>; enabled?: boolean },
  ): Promise<string>;
  /** A self-signed certificate; returns the id of its version and its DER bytes. */
  createCertificate(
    name: string,
    tags?: Record<string, string>,
  ): Promise<{ version: string; cer: Uint8Array }>;
  /** An RSA key; returns the id of its version. */
  createRsaKey(name: string, tags?: Record<string, string>): Promise<string>;
  /** Names of every secret in the vault, disabled ones too. */
  secretNames(): Promise<Set<string>>;
  hasCertificate(name: string): Promise<boolean>;
  hasKey(name: string): Promise<boolean>;
  /** Deletes a secret and purges it from the vault's deleted secrets, so it is gone for good. */
  deleteSecret(name: string): Promise<void>;
}

/** Whether a get answered 404 (the SDK's RestError carries the status). */
const found = (get: Promise<unknown>): Promise<boolean> =>
  get.then(
    () => true,
    (error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    },
  );

export function lowkeyVaultSeeder(env: Record<string, string>): LowkeyVaultSeeder {
  const vaultUrl = env['AZURE_KEYVAULT_URL'];
  if (vaultUrl === undefined) throw new Error('AZURE_KEYVAULT_URL is not set');
  const options = { serviceVersion: '7.6', disableChallengeResourceVerification: true } as const;
  const secrets = new SecretClient(vaultUrl, seedingCredential, options);
  const certificates = new CertificateClient(vaultUrl, seedingCredential, options);
  const keys = new KeyClient(vaultUrl, seedingCredential, options);
  return {
    async setSecret(name, value, { tags, enabled } = {}) {
      const secret = await secrets.setSecret(name, value, {
        ...(tags === undefined ? {} : { tags }),
        ...(enabled === undefined ? {} : { enabled }),
      });
      return secret.properties.version ?? '';
    },
    async createCertificate(name, tags) {
      const poller = await certificates.beginCreateCertificate(
        name,
        {
          issuerName: 'Self',
          subject: `CN=${name}`,
          validityInMonths: 12,
          // Lowkey Vault requires the key type and content type Azure would default.
          keyType: 'RSA',
          keySize: 2048,
          contentType: 'application/x-pem-file',
        },
        { ...(tags === undefined ? {} : { tags }), intervalInMs: 200 },
      );
      const certificate = await poller.pollUntilDone();
      return { version: certificate.properties.version ?? '', cer: certificate.cer ?? new Uint8Array() };
    },
    async createRsaKey(name, tags) {
      const key = await keys.createRsaKey(name, { keySize: 2048, ...(tags === undefined ? {} : { tags }) });
      return key.properties.version ?? '';
    },
    async secretNames() {
      const names = new Set<string>();
      for await (const properties of secrets.listPropertiesOfSecrets()) names.add(properties.name);
      return names;
    },
    hasCertificate: (name) => found(certificates.getCertificate(name)),
    hasKey: (name) => found(keys.getKey(name)),
    async deleteSecret(name) {
      const deletion = await secrets.beginDeleteSecret(name, { intervalInMs: 200 });
      await deletion.pollUntilDone();
      await secrets.purgeDeletedSecret(name);
    },
  };
}
