// The remote secrets examples/vault/external-secret.yaml reads (see its comments), written to the
// dev server's KV v2 engine at "secret" as `bao kv put` would: by `make dev-providers`, and by the
// test that applies the example.
import type { SeedExampleData } from '../types.ts';
import { openBaoAdmin } from './admin.ts';

/** The port of OpenBao's address in examples/vault/secret-store-openbao-dev.yaml (http://127.0.0.1:8200). */
export const exampleOpenBaoPort = 8200;
/**
 * The root token examples/vault/secret-store-openbao-dev.yaml carries. A dev-only token: it opens
 * nothing but a throwaway in-memory dev server on loopback, never a real Vault or OpenBao.
 */
export const exampleOpenBaoRootToken = 'dev-only-token';

const dbCredentials = (password: string, host: string) => ({ username: 'app', password, config: { host } });

/** Versions oldest first (a rotation: version 1 keeps the old password); custom_metadata on the secret. */
const exampleSecrets: {
  key: string;
  versions: Record<string, unknown>[];
  customMetadata: Record<string, string>;
}[] = [
  {
    key: 'app/db',
    versions: [
      dbCredentials('vault-old-pass-W1', 'old.internal'),
      dbCredentials('vault-new-pass-W2', 'db.internal'),
    ],
    customMetadata: { owner: 'team-a' },
  },
  {
    key: 'app/config/api-key',
    versions: [{ key: 'vault-api-key-W3' }],
    customMetadata: { team: 'payments' },
  },
  // Under the path, but another team's: find's tags leave it out.
  { key: 'app/config/other-team', versions: [{ key: 'not-ours-W4' }], customMetadata: { team: 'search' } },
];

export const seedOpenBaoExampleData: SeedExampleData = async (env) => {
  const vault = openBaoAdmin(env);
  const created: string[] = [];
  for (const { key, versions, customMetadata } of exampleSecrets) {
    if (await vault.kv2Exists('secret', key)) continue;
    for (const data of versions) await vault.writeKv2('secret', key, data);
    await vault.request('POST', `secret/metadata/${key}`, { custom_metadata: customMetadata });
    created.push(key);
  }
  return created;
};
