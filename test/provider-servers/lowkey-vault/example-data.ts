// The objects examples/azurekv/external-secret.yaml reads (see its comments), created in the
// harness's vault with the Azure SDK as `az keyvault` would: by `make dev-providers`, and by the
// test that applies the example with secret-store-lowkey-vault.yaml.
import type { SeedExampleData } from '../types.ts';
import { lowkeyVaultSeeder, trustLowkeyVaultCa } from './seed.ts';

/** The port of the vault in examples/azurekv/secret-store-lowkey-vault.yaml (https://127.0.0.1:8443). */
export const exampleLowkeyVaultPort = 8443;

const exampleSecrets: { name: string; value: string; tags?: Record<string, string>; enabled?: boolean }[] = [
  { name: 'database-username', value: 'app' },
  {
    name: 'database-credentials',
    value: JSON.stringify({ username: 'app', password: 'azure-db-pass-K1' }),
    tags: { environment: 'production' },
  },
  // find: enabled, tagged team=payments, named pay-*; only the first is all three.
  { name: 'pay-api-token', value: 'azure-pay-token-K2', tags: { team: 'payments' } },
  { name: 'pay-retired-token', value: 'not-ours-K3', tags: { team: 'payments' }, enabled: false },
  { name: 'pay-search-token', value: 'not-ours-K4', tags: { team: 'search' } },
  { name: 'ledger-token', value: 'not-ours-K5', tags: { team: 'payments' } },
];
/** Self-signed; the example reads its DER bytes. */
const exampleCertificate = 'db-client-cert';
/** RSA; the example reads its public JWK. */
const exampleKey = 'signing-key';

export const seedLowkeyVaultExampleData: SeedExampleData = async (env) => {
  trustLowkeyVaultCa(env);
  const vault = lowkeyVaultSeeder(env);
  const created: string[] = [];
  const existing = await vault.secretNames();
  for (const { name, value, tags, enabled } of exampleSecrets) {
    if (existing.has(name)) continue;
    await vault.setSecret(name, value, {
      ...(tags === undefined ? {} : { tags }),
      ...(enabled === undefined ? {} : { enabled }),
    });
    created.push(name);
  }
  if (!(await vault.hasCertificate(exampleCertificate))) {
    await vault.createCertificate(exampleCertificate);
    created.push(`cert/${exampleCertificate}`);
  }
  if (!(await vault.hasKey(exampleKey))) {
    await vault.createRsaKey(exampleKey);
    created.push(`key/${exampleKey}`);
  }
  return created;
};
