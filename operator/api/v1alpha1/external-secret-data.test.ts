import { describe, expect, it } from 'vitest';
import { ExternalSecretSpec } from './index.ts';

const entry = (secretKey: string, key: string) => ({ secretKey, remoteRef: { key } });

describe('spec.data schema', () => {
  it('refuses a second entry for a Secret key, naming the key and the entry', () => {
    const parsed = ExternalSecretSpec.safeParse({
      secretStoreRef: { name: 's' },
      data: [entry('password', 'a'), entry('user', 'a'), entry('password', 'b')],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [
        'data.2.secretKey',
        'Duplicate value: secretKey "password" is already written by an earlier entry; each key of the target Secret comes from one entry',
      ],
    ]);
  });

  it('accepts distinct keys', () => {
    const parsed = ExternalSecretSpec.safeParse({
      secretStoreRef: { name: 's' },
      data: [entry('password', 'a'), entry('user', 'a')],
    });
    expect(parsed.success).toBe(true);
  });
});
