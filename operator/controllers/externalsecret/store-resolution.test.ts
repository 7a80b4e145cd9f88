import { describe, expect, it } from 'vitest';
import type {
  ClusterSecretStore,
  ClusterStoreCondition,
  Condition,
  SecretStore,
  SecretStoreRef,
} from '../../api/v1alpha1/index.ts';
import { resolveStore, StoreProblem, type StoreLookup } from './store-resolution.ts';

const provider = { fake: { data: [] } };
const readyCondition = (status: Condition['status'], message = ''): Condition => ({
  type: 'Ready',
  status,
  reason: status === 'True' ? 'Valid' : 'ValidationFailed',
  message,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});

function secretStore(namespace: string, name: string, ready?: Condition): SecretStore {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: { name, namespace },
    spec: { provider },
    ...(ready ? { status: { conditions: [ready] } } : {}),
  };
}

function clusterStore(
  name: string,
  conditions?: ClusterStoreCondition[],
  ready?: Condition,
): ClusterSecretStore {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ClusterSecretStore',
    metadata: { name },
    spec: { provider, ...(conditions ? { conditions } : {}) },
    ...(ready ? { status: { conditions: [ready] } } : {}),
  };
}

const namespaceLabels: Record<string, Record<string, string>> = {
  'team-a': { team: 'a', env: 'prod' },
  'team-b': { team: 'b', env: 'dev' },
  bare: {},
};

/** A lookup over fixed stores that counts how often namespace labels are read. */
function lookup(stores: (SecretStore | ClusterSecretStore)[]): StoreLookup & { labelReads: number } {
  const result = {
    labelReads: 0,
    secretStore: (namespace: string, name: string) =>
      stores.find(
        (s): s is SecretStore =>
          s.kind === 'SecretStore' && s.metadata.namespace === namespace && s.metadata.name === name,
      ),
    clusterSecretStore: (name: string) =>
      stores.find(
        (s): s is ClusterSecretStore => s.kind === 'ClusterSecretStore' && s.metadata.name === name,
      ),
    namespaceLabels: (namespace: string) => {
      result.labelReads += 1;
      return Promise.resolve(namespaceLabels[namespace] ?? {});
    },
  };
  return result;
}

const secretStoreRef = (name: string): SecretStoreRef => ({ name, kind: 'SecretStore' });
const clusterRef = (name: string): SecretStoreRef => ({ name, kind: 'ClusterSecretStore' });

async function problemOf(promise: Promise<unknown>): Promise<StoreProblem> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreProblem);
  return error as StoreProblem;
}

/** Whether a ClusterSecretStore with these conditions admits `namespace`. */
async function admits(namespace: string, conditions: ClusterStoreCondition[] | undefined): Promise<boolean> {
  try {
    await resolveStore(clusterRef('shared'), namespace, lookup([clusterStore('shared', conditions)]));
    return true;
  } catch (error) {
    if (error instanceof StoreProblem && error.reason === 'StoreNotAllowed') return false;
    throw error;
  }
}

describe('resolveStore: SecretStore', () => {
  it('resolves a SecretStore of the ExternalSecret’s own namespace', async () => {
    const store = secretStore('team-a', 'vault');
    await expect(resolveStore(secretStoreRef('vault'), 'team-a', lookup([store]))).resolves.toEqual({
      kind: 'SecretStore',
      store,
    });
  });

  it('never resolves a SecretStore of another namespace: StoreNotFound, naming name and namespace', async () => {
    const problem = await problemOf(
      resolveStore(secretStoreRef('vault'), 'team-b', lookup([secretStore('team-a', 'vault')])),
    );
    expect(problem.reason).toBe('StoreNotFound');
    expect(problem.message).toBe('SecretStore "vault" not found in namespace "team-b"');
  });

  it('does not take a ClusterSecretStore of the same name for a SecretStore, nor the reverse', async () => {
    const stores = lookup([clusterStore('shared'), secretStore('team-a', 'local')]);
    expect((await problemOf(resolveStore(secretStoreRef('shared'), 'team-a', stores))).reason).toBe(
      'StoreNotFound',
    );
    const problem = await problemOf(resolveStore(clusterRef('local'), 'team-a', stores));
    expect(problem.message).toBe('ClusterSecretStore "local" not found');
  });
});

describe('resolveStore: ClusterSecretStore conditions', () => {
  it('without conditions (or an empty list), admits every namespace without reading labels', async () => {
    const stores = lookup([clusterStore('shared')]);
    await expect(resolveStore(clusterRef('shared'), 'anything', stores)).resolves.toMatchObject({
      kind: 'ClusterSecretStore',
    });
    expect(await admits('anything', [])).toBe(true);
    expect(stores.labelReads).toBe(0);
  });

  it('namespaces: admits exactly the namespaces listed', async () => {
    expect(await admits('team-a', [{ namespaces: ['team-a', 'team-c'] }])).toBe(true);
    expect(await admits('team-b', [{ namespaces: ['team-a', 'team-c'] }])).toBe(false);
    expect(await admits('team', [{ namespaces: ['team-a'] }])).toBe(false);
  });

  it('namespaceRegexes: RE2, unanchored as Go MatchString', async () => {
    expect(await admits('team-a', [{ namespaceRegexes: ['^team-[a-c]$'] }])).toBe(true);
    expect(await admits('team-z', [{ namespaceRegexes: ['^team-[a-c]$'] }])).toBe(false);
    expect(await admits('my-team-a-dev', [{ namespaceRegexes: ['team-a'] }])).toBe(true);
  });

  it('namespaceSelector.matchLabels: every label must match', async () => {
    expect(await admits('team-a', [{ namespaceSelector: { matchLabels: { team: 'a', env: 'prod' } } }])).toBe(
      true,
    );
    expect(await admits('team-a', [{ namespaceSelector: { matchLabels: { team: 'a', env: 'dev' } } }])).toBe(
      false,
    );
    expect(await admits('bare', [{ namespaceSelector: { matchLabels: { team: 'a' } } }])).toBe(false);
  });

  it('namespaceSelector.matchExpressions: In, NotIn, Exists, DoesNotExist, as Kubernetes selectors', async () => {
    const expression = (
      operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
      values?: string[],
    ): ClusterStoreCondition[] => [
      { namespaceSelector: { matchExpressions: [{ key: 'team', operator, ...(values ? { values } : {}) }] } },
    ];
    expect(await admits('team-a', expression('In', ['a', 'c']))).toBe(true);
    expect(await admits('team-b', expression('In', ['a', 'c']))).toBe(false);
    expect(await admits('bare', expression('In', ['a']))).toBe(false);

    expect(await admits('team-b', expression('NotIn', ['a']))).toBe(true);
    expect(await admits('team-a', expression('NotIn', ['a']))).toBe(false);
    // Kubernetes: NotIn also matches objects without the label.
    expect(await admits('bare', expression('NotIn', ['a']))).toBe(true);

    expect(await admits('team-a', expression('Exists'))).toBe(true);
    expect(await admits('bare', expression('Exists'))).toBe(false);
    expect(await admits('team-a', expression('DoesNotExist'))).toBe(false);
    expect(await admits('bare', expression('DoesNotExist'))).toBe(true);
  });

  it('a selector needs its labels and all its expressions to match', async () => {
    const selector: ClusterStoreCondition = {
      namespaceSelector: {
        matchLabels: { env: 'prod' },
        matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }],
      },
    };
    expect(await admits('team-a', [selector])).toBe(true);
    expect(await admits('team-b', [selector])).toBe(false);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a namespace without a label named %s does not have it, whatever plain objects inherit',
    async (key) => {
      const on = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'): ClusterStoreCondition[] => [
        {
          namespaceSelector: {
            matchExpressions: [{ key, operator, ...(operator.endsWith('In') ? { values: [''] } : {}) }],
          },
        },
      ];
      expect(await admits('bare', on('Exists'))).toBe(false);
      expect(await admits('bare', on('In'))).toBe(false);
      expect(await admits('bare', on('DoesNotExist'))).toBe(true);
      expect(await admits('bare', on('NotIn'))).toBe(true);
      expect(await admits('bare', [{ namespaceSelector: { matchLabels: { [key]: '' } } }])).toBe(false);
    },
  );

  it('an empty selector matches every namespace, as in Kubernetes', async () => {
    expect(await admits('bare', [{ namespaceSelector: {} }])).toBe(true);
  });

  it('a namespace is admitted when any part of any condition matches', async () => {
    const conditions: ClusterStoreCondition[] = [
      { namespaces: ['other'], namespaceSelector: { matchLabels: { team: 'b' } } },
      { namespaceRegexes: ['^nothing$'] },
    ];
    expect(await admits('team-b', conditions)).toBe(true);
    expect(await admits('other', conditions)).toBe(true);
    expect(await admits('team-a', conditions)).toBe(false);
    // A condition with no parts admits nobody.
    expect(await admits('team-a', [{}])).toBe(false);
  });

  it('reads namespace labels at most once, and only when a selector needs them', async () => {
    const stores = lookup([
      clusterStore('shared', [
        { namespaceSelector: { matchLabels: { team: 'x' } } },
        { namespaceSelector: { matchLabels: { team: 'a' } } },
      ]),
      clusterStore('by-name', [{ namespaces: ['team-a'] }]),
    ]);
    await resolveStore(clusterRef('shared'), 'team-a', stores);
    expect(stores.labelReads).toBe(1);
    await resolveStore(clusterRef('by-name'), 'team-a', stores);
    expect(stores.labelReads).toBe(1);
  });

  it('an invalid namespaceRegexes entry is the store’s problem: StoreNotReady, naming store and field', async () => {
    const store = clusterStore('shared', [
      { namespaces: ['x'] },
      { namespaceRegexes: ['^ok$', '(unclosed'] },
    ]);
    const problem = await problemOf(resolveStore(clusterRef('shared'), 'team-a', lookup([store])));
    expect(problem.reason).toBe('StoreNotReady');
    expect(problem.message).toMatch(
      /^ClusterSecretStore "shared": spec\.conditions\[1\]\.namespaceRegexes\[1\]: invalid regular expression/,
    );
  });

  it('refuses a namespace the conditions do not admit: StoreNotAllowed, naming store and namespace', async () => {
    const problem = await problemOf(
      resolveStore(
        clusterRef('shared'),
        'team-b',
        lookup([clusterStore('shared', [{ namespaces: ['team-a'] }])]),
      ),
    );
    expect(problem.reason).toBe('StoreNotAllowed');
    expect(problem.message).toContain('ClusterSecretStore "shared" does not admit namespace "team-b"');
  });
});

describe('resolveStore: store readiness', () => {
  it('refuses a store whose Ready condition is False: StoreNotReady with the store’s own message', async () => {
    for (const [ref, store] of [
      [
        secretStoreRef('vault'),
        secretStore('team-a', 'vault', readyCondition('False', 'login failed (403)')),
      ],
      [clusterRef('vault'), clusterStore('vault', undefined, readyCondition('False', 'login failed (403)'))],
    ] as const) {
      const problem = await problemOf(resolveStore(ref, 'team-a', lookup([store])));
      expect(problem.reason).toBe('StoreNotReady');
      expect(problem.message).toBe(`${ref.kind} "vault" is not ready: login failed (403)`);
    }
  });

  it('uses a store that is Ready, Unknown or not yet validated', async () => {
    for (const ready of [readyCondition('True'), readyCondition('Unknown'), undefined]) {
      await expect(
        resolveStore(secretStoreRef('vault'), 'team-a', lookup([secretStore('team-a', 'vault', ready)])),
      ).resolves.toMatchObject({ kind: 'SecretStore' });
    }
  });

  it('uses a store whose server does not answer (ProviderUnavailable): its client says whether calls are paused', async () => {
    const unavailable = { ...readyCondition('False', 'connection refused'), reason: 'ProviderUnavailable' };
    await expect(
      resolveStore(secretStoreRef('vault'), 'team-a', lookup([secretStore('team-a', 'vault', unavailable)])),
    ).resolves.toMatchObject({ kind: 'SecretStore' });
  });

  it('checks admission before readiness: a namespace not admitted learns nothing of the store’s state', async () => {
    const store = clusterStore(
      'shared',
      [{ namespaces: ['team-a'] }],
      readyCondition('False', 'internal detail'),
    );
    const problem = await problemOf(resolveStore(clusterRef('shared'), 'team-b', lookup([store])));
    expect(problem.reason).toBe('StoreNotAllowed');
    expect(problem.message).not.toContain('internal detail');
  });
});

describe('resolveStore: an installation without ClusterSecretStores (--cluster-stores=false)', () => {
  it('refuses every ClusterSecretStore, existing or not, and points to a SecretStore of the namespace', async () => {
    for (const stores of [[clusterStore('shared')], []]) {
      const disabled = { ...lookup(stores), clusterSecretStoresDisabled: true };
      const problem = await problemOf(resolveStore(clusterRef('shared'), 'team-a', disabled));
      expect(problem.reason).toBe('ClusterSecretStoresDisabled');
      expect(problem.message).toBe(
        'ClusterSecretStore "shared" cannot be used: ClusterSecretStores are disabled in this installation (--cluster-stores=false); use a SecretStore in namespace "team-a"',
      );
      expect(disabled.labelReads).toBe(0);
    }
  });

  it('still serves the SecretStores of the namespace', async () => {
    const disabled = { ...lookup([secretStore('team-a', 'vault')]), clusterSecretStoresDisabled: true };
    await expect(resolveStore(secretStoreRef('vault'), 'team-a', disabled)).resolves.toMatchObject({
      kind: 'SecretStore',
    });
  });
});
