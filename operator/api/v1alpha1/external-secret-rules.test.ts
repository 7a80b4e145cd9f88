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

describe('spec.target.template.metadata schema', () => {
  it.each([
    ['labels', 'ferry.dev/managed'],
    ['labels', 'ferry.dev/owner'],
    ['annotations', 'ferry.dev/data-hash'],
    ['annotations', 'ferry.dev/template-inputs-hash'],
    ['annotations', 'ferry.dev/anything-else'],
  ])('refuses %s key %s: Ferry’s markers never come from a template', (field, key) => {
    const parsed = ExternalSecretSpec.safeParse({
      secretStoreRef: { name: 's' },
      target: { creationPolicy: 'Merge', template: { metadata: { [field]: { [key]: 'x' } } } },
      data: [entry('k', 'k')],
    });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [
        `target.template.metadata.${field}`,
        `template.metadata.${field} may not set keys under ferry.dev/ (such as ferry.dev/managed or ferry.dev/owner): Ferry writes its own markers, which decide the ExternalSecret that owns a Secret; use another prefix`,
      ],
    ]);
  });

  it('accepts keys under other prefixes, subdomains of ferry.dev included', () => {
    const parsed = ExternalSecretSpec.safeParse({
      secretStoreRef: { name: 's' },
      target: {
        template: {
          metadata: {
            labels: { 'app.ferry.dev/tier': 'x', app: 'y' },
            annotations: { 'example.com/a': 'z' },
          },
        },
      },
      data: [entry('k', 'k')],
    });
    expect(parsed.success).toBe(true);
  });
});

describe('spec.refreshInterval schema', () => {
  const withInterval = (refreshInterval: string) =>
    ExternalSecretSpec.safeParse({ secretStoreRef: { name: 's' }, refreshInterval, data: [entry('k', 'k')] });

  it.each(['1ms', '999ms', '0.5s', '1ns', '999999us'])(
    'refuses %s: above zero and under a second',
    (interval) => {
      expect(withInterval(interval).error?.issues.map((issue) => issue.message)).toEqual([
        'refreshInterval is "0" (sync once) or at least 1s, such as "30s", "5m" or "1h"',
      ]);
    },
  );

  it.each(['0', '0s', '1s', '1000ms', '1h', '0.5m'])('accepts %s', (interval) => {
    expect(withInterval(interval).success).toBe(true);
  });
});
