// ESO's azurekv semantics over an in-memory port; the real wire protocol is exercised against
// Lowkey Vault by test/integration/providers/azurekv.test.ts.
import { describe, expect, it } from 'vitest';
import { InvalidConfigError, SecretNotFoundError } from '../errors.ts';
import { createAzureKVClient } from './azurekv-client.ts';
import type { VaultPort, VaultSecret } from './vault-port.ts';

const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = new AbortController().signal;
const secrets: Record<string, VaultSecret> = {
  dotted: { value: '{"a.b":"flat","a":{"c":"nested"}}', tags: {} },
  listed: { value: 'listed-value', tags: { team: 'x' } },
};

function clientOver(extra: Partial<VaultPort> = {}) {
  const port: VaultPort = {
    getSecret: (name) => {
      const secret = secrets[name];
      return secret
        ? Promise.resolve(secret)
        : Promise.reject(new SecretNotFoundError(`secret "${name}" not found`));
    },
    getCertificate: () => Promise.resolve({ cer: new Uint8Array([48, 130]), tags: { team: 'edge' } }),
    getKey: () => Promise.resolve({ jwk: { kty: 'EC', crv: 'P-256' }, tags: {} }),
    listSecrets: () =>
      Promise.resolve([
        { name: 'listed', enabled: true, tags: { team: 'x' } },
        { name: 'vanished', enabled: true, tags: { team: 'x' } },
      ]),
    maySecretsBeRead: () => Promise.resolve(false),
    close: () => Promise.resolve(),
    ...extra,
  };
  return createAzureKVClient(port, 'https://v.vault.azure.net');
}

describe('azurekv client', () => {
  it('falls back, as ESO, to a key with dots when the dotted path finds nothing', async () => {
    const client = clientOver();
    expect(text(await client.getSecret({ key: 'dotted', property: 'a.c' }, signal))).toBe('nested');
    expect(text(await client.getSecret({ key: 'dotted', property: 'a.b' }, signal))).toBe('flat');
  });

  it('skips a secret deleted between the listing and the read', async () => {
    const found = await clientOver().findSecrets({ tags: { team: 'x' } }, signal);
    expect(Object.keys(found)).toEqual(['listed']);
  });

  it('reads a key as its JWK map, and refuses a certificate as a map', async () => {
    const client = clientOver();
    expect(text((await client.getSecretMap({ key: 'key/k' }, signal))['crv'] ?? new Uint8Array())).toBe(
      'P-256',
    );
    await expect(client.getSecretMap({ key: 'cert/c' }, signal)).rejects.toThrow(InvalidConfigError);
    expect(await client.getSecret({ key: 'cert/c' }, signal)).toEqual(new Uint8Array([48, 130]));
  });

  it('rejects a version that is no Key Vault version, and reports Error when reads are not allowed', async () => {
    const client = clientOver();
    await expect(client.getSecret({ key: 'listed', version: '../x' }, signal)).rejects.toThrow(
      'azurekv: remoteRef.version "../x" is not a Key Vault object version',
    );
    expect(await client.validate(signal)).toBe('Error');
  });
});
