import { describe, expect, it } from 'vitest';

import { scrubString } from './index.ts';

describe('scrubString', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [REDACTED]'],
    ['authorization=bearer abc123', 'authorization=bearer [REDACTED]'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [REDACTED]'],
    ['sent eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl to the API', 'sent [REDACTED TOKEN] to the API'],
    [
      'vault token hvs.CAESIJlU9JMYEhOPYv4igdhm9PnZDrabkZjmqtPUc expired',
      'vault token [REDACTED TOKEN] expired',
    ],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345 leaked', '[REDACTED TOKEN] leaked'],
    [
      'key: -----BEGIN PRIVATE KEY-----\nMIIEvQ\nabc==\n-----END PRIVATE KEY-----\ncert follows',
      'key: [REDACTED PRIVATE KEY]\ncert follows',
    ],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn (truncated', '[REDACTED PRIVATE KEY]'],
    [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nxcLY\n-----END PGP PRIVATE KEY BLOCK-----',
      '[REDACTED PRIVATE KEY]',
    ],
    ['password=hunter2 user=bob', 'password=[REDACTED] user=bob'],
    ['login failed: password=hunter2', 'login failed: password=[REDACTED]'],
    ['DB_PASSWORD = "hunter 2" next', 'DB_PASSWORD = "[REDACTED]" next'],
    ['GET /v1/kv?access_token=abc&version=2', 'GET /v1/kv?access_token=[REDACTED]&version=2'],
    ['X-Vault-Token: s.abcdef', 'X-Vault-Token: [REDACTED]'],
    ['headers: x-vault-token: s.abcdef', 'headers: x-vault-token: [REDACTED]'],
    ['{"password": 123456, "user": "bob"}', '{"password": [REDACTED], "user": "bob"}'],
    ['{"password":"hun\\"ter2","user":"bob"}', '{"password":"[REDACTED]","user":"bob"}'],
    ["{'client_secret': 'abc'}", "{'client_secret': '[REDACTED]'}"],
    ['{\\"token\\":\\"abc\\"}', '{\\"token\\":\\"[REDACTED]\\"}'],
    ['token: "abc"', 'token: "[REDACTED]"'],
    ['auth:\n  token: abc\n  - password: xyz', 'auth:\n  token: [REDACTED]\n  - password: [REDACTED]'],
    ['postgres://app:hunter2@db:5432/app', 'postgres://app:[REDACTED]@db:5432/app'],
    ['Cookie: session=abc; theme=dark', 'Cookie: [REDACTED]'],
    [
      'AccountKey=abc==;EndpointSuffix=core.windows.net',
      'AccountKey=[REDACTED];EndpointSuffix=core.windows.net',
    ],
    [
      'https://x.blob.core.windows.net/c?sv=2021&sig=abc%3D',
      'https://x.blob.core.windows.net/c?sv=2021&sig=[REDACTED]',
    ],
    [
      '{"apiVersion":"v1","data":{"username":"Ym9i"},"kind":"Secret"}',
      '{"apiVersion":"v1","data":"[REDACTED]","kind":"Secret"}',
    ],
  ])('scrubs %j', (input, expected) => {
    expect(scrubString(input)).toBe(expected);
  });

  it.each([
    'failed to read token: connection refused',
    'missing bearer token',
    'Basic realm="vault"',
    'secretKey=db-password secretName=db secretStoreRef=vault',
    'spec.refreshInterval: Invalid value: "5x": expected a duration',
    'secrets "db-credentials" not found',
    'ExternalSecret team-a/db-credentials synced 3 keys',
    'https://vault.internal:8200/v1/kv/data/prod/db',
    // Names, keys and the words after them (issue #15): a quoted name before a colon is no JSON pair,
    // a lower-case dashed name is an object's name, not a header.
    'credential "token": cannot read Secret app/vault-tokn: NotFound',
    'Secret app/vault-token: NotFound',
    'remote key "db-password": not found in the store',
    "template 'password': cannot parse",
    'ExternalSecret app/api-key: Secret "api-key" restored after an edit by kubectl-edit',
  ])('leaves %j alone', (input) => {
    expect(scrubString(input)).toBe(input);
  });

  it('stays fast on long hostile input', () => {
    const hostile = [
      'a='.repeat(200_000),
      'password="'.repeat(50_000),
      'eyJ.'.repeat(100_000),
      '-----BEGIN PRIVATE KEY-----'.repeat(10_000),
      'token: x '.repeat(50_000),
      '"data":{'.repeat(50_000),
    ];
    const started = performance.now();
    for (const text of hostile) scrubString(text);
    // Linear: well under a second on an idle machine; a quadratic rule would take minutes on these.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
