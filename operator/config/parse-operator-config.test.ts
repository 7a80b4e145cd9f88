import { describe, expect, it } from 'vitest';

import { ConfigError, helpRequested, parseOperatorConfig, storeMaxCallsInFlight } from './index.ts';

function problemsOf(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseOperatorConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
}

describe('parseOperatorConfig', () => {
  it('uses the defaults when neither flags nor environment say anything', () => {
    expect(parseOperatorConfig([], {})).toEqual({
      namespace: '',
      clusterStores: true,
      namespacedStoresAmbientCredentials: false,
      concurrency: 32,
      metricsAddress: { host: '0.0.0.0', port: 8080, address: ':8080' },
      logLevel: 'info',
      logFormat: 'json',
      leaderElect: 'auto',
      leaderElectionNamespace: '',
      leaderElectionId: 'ferry-leader',
      gracefulShutdownSeconds: 25,
      templateLeftDelimiter: '{{',
      templateRightDelimiter: '}}',
      budgetRenderSeconds: 10,
      budgetRenderMemoryMib: 64,
      budgetRegexpWork: 100_000_000,
      budgetFindMib: 16,
      renderWorkers: 2,
      minRefreshInterval: 1000,
      providerConnectTimeout: 3000,
      providerResponseTimeout: 10_000,
      providerSyncTimeout: 30_000,
      providerClientCacheSize: 1000,
      providerClientCacheMib: 16,
      storeMaxCallsInFlight: 'auto',
      storeBreakerFailures: 3,
      storeBreakerProbeInterval: 2000,
    });
  });

  it('reads every setting from its environment variable', () => {
    const config = parseOperatorConfig([], {
      FERRY_NAMESPACE: 'team-a',
      FERRY_CLUSTER_STORES: 'false',
      FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true',
      FERRY_CONCURRENCY: '4',
      FERRY_METRICS_ADDRESS: '127.0.0.1:9090',
      FERRY_LOG_LEVEL: 'debug',
      FERRY_LOG_FORMAT: 'text',
      FERRY_LEADER_ELECT: 'true',
      FERRY_LEADER_ELECTION_NAMESPACE: 'ferry-system',
      FERRY_LEADER_ELECTION_ID: 'ferry.example.com',
      FERRY_GRACEFUL_SHUTDOWN_SECONDS: '0',
      FERRY_TEMPLATE_LEFT_DELIMITER: '<%',
      FERRY_TEMPLATE_RIGHT_DELIMITER: '%>',
      FERRY_BUDGET_RENDER_SECONDS: '5',
      FERRY_BUDGET_RENDER_MEMORY_MIB: '128',
      FERRY_BUDGET_REGEXP_WORK: '2000000',
      FERRY_BUDGET_FIND_MIB: '8',
      FERRY_RENDER_WORKERS: '3',
      FERRY_MIN_REFRESH_INTERVAL: '5m',
      FERRY_PROVIDER_CONNECT_TIMEOUT: '2s',
      FERRY_PROVIDER_RESPONSE_TIMEOUT: '20s',
      FERRY_PROVIDER_SYNC_TIMEOUT: '1m',
      FERRY_PROVIDER_CLIENT_CACHE_SIZE: '250',
      FERRY_PROVIDER_CLIENT_CACHE_MIB: '8',
      FERRY_STORE_MAX_CALLS_IN_FLIGHT: '6',
      FERRY_STORE_BREAKER_FAILURES: '5',
      FERRY_STORE_BREAKER_PROBE_INTERVAL: '30s',
    });
    expect(config).toEqual({
      namespace: 'team-a',
      clusterStores: false,
      namespacedStoresAmbientCredentials: true,
      concurrency: 4,
      metricsAddress: { host: '127.0.0.1', port: 9090, address: '127.0.0.1:9090' },
      logLevel: 'debug',
      logFormat: 'text',
      leaderElect: true,
      leaderElectionNamespace: 'ferry-system',
      leaderElectionId: 'ferry.example.com',
      gracefulShutdownSeconds: 0,
      templateLeftDelimiter: '<%',
      templateRightDelimiter: '%>',
      budgetRenderSeconds: 5,
      budgetRenderMemoryMib: 128,
      budgetRegexpWork: 2_000_000,
      budgetFindMib: 8,
      renderWorkers: 3,
      minRefreshInterval: 300_000,
      providerConnectTimeout: 2000,
      providerResponseTimeout: 20_000,
      providerSyncTimeout: 60_000,
      providerClientCacheSize: 250,
      providerClientCacheMib: 8,
      storeMaxCallsInFlight: 6,
      storeBreakerFailures: 5,
      storeBreakerProbeInterval: 30_000,
    });
  });

  it('gives each store an eighth of the workers for its calls by default, at least 2', () => {
    const inFlight = (argv: string[]): number => storeMaxCallsInFlight(parseOperatorConfig(argv, {}));
    expect(inFlight([])).toBe(4);
    expect(inFlight(['--concurrency=100'])).toBe(12);
    expect(inFlight(['--concurrency=4'])).toBe(2);
    expect(inFlight(['--concurrency=100', '--store-max-calls-in-flight=1'])).toBe(1);
    expect(problemsOf(['--store-max-calls-in-flight=0'])).toBe(
      'invalid --store-max-calls-in-flight "0" (env FERRY_STORE_MAX_CALLS_IN_FLIGHT): expected auto or a whole number from 1 to 1000',
    );
    expect(problemsOf(['--store-breaker-probe-interval=10m'])).toContain(
      'expected whole seconds or minutes from 1s to 5m',
    );
    expect(problemsOf(['--store-breaker-failures=0'])).toContain('expected a whole number from 1 to 100');
  });

  it('lets a flag win over its environment variable, in both flag forms', () => {
    const env = { FERRY_CONCURRENCY: '4', FERRY_NAMESPACE: 'from-env', FERRY_LOG_LEVEL: 'warn' };
    const config = parseOperatorConfig(
      ['--concurrency', '8', '--namespace=from-flag', '--kubeconfig=/tmp/kc'],
      env,
    );
    expect(config.concurrency).toBe(8);
    expect(config.namespace).toBe('from-flag');
    expect(config.logLevel).toBe('warn');
    expect(config.kubeconfig).toBe('/tmp/kc');
  });

  it('lets an empty flag value override the environment', () => {
    expect(parseOperatorConfig(['--namespace='], { FERRY_NAMESPACE: 'team-a' }).namespace).toBe('');
  });

  it('treats an empty environment variable as unset', () => {
    expect(parseOperatorConfig([], { FERRY_CONCURRENCY: '', FERRY_LOG_LEVEL: '' })).toMatchObject({
      concurrency: 32,
      logLevel: 'info',
    });
  });

  it('takes the last of a repeated flag', () => {
    expect(parseOperatorConfig(['--concurrency=2', '--concurrency=3'], {}).concurrency).toBe(3);
  });

  it.each([
    [['--leader-elect'], {}, true],
    [['--leader-elect=true'], {}, true],
    [['--leader-elect=false'], { FERRY_LEADER_ELECT: 'true' }, false],
    [['--leader-elect=1'], {}, true],
    [[], { FERRY_LEADER_ELECT: 'true' }, true],
    [[], { FERRY_LEADER_ELECT: 'false' }, false],
    [[], { FERRY_LEADER_ELECT: '1' }, true],
    [[], { FERRY_LEADER_ELECT: '0' }, false],
    [[], { FERRY_LEADER_ELECT: 'TRUE' }, true],
  ])('reads leader election from %j and %j as %s', (argv, env, expected) => {
    expect(parseOperatorConfig(argv, env).leaderElect).toBe(expected);
  });

  it.each([
    [['--cluster-stores'], {}, true],
    [['--cluster-stores=false'], { FERRY_CLUSTER_STORES: 'true' }, false],
    [['--cluster-stores=0'], {}, false],
    [[], { FERRY_CLUSTER_STORES: 'false' }, false],
    [[], { FERRY_CLUSTER_STORES: '1' }, true],
  ])('reads --cluster-stores from %j and %j as %s', (argv, env, expected) => {
    expect(parseOperatorConfig(argv, env).clusterStores).toBe(expected);
  });

  it.each([
    [['--namespaced-stores-ambient-credentials'], {}, true],
    [
      ['--namespaced-stores-ambient-credentials=false'],
      { FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true' },
      false,
    ],
    [['--namespaced-stores-ambient-credentials=1'], {}, true],
    [[], { FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true' }, true],
    [[], {}, false],
  ])('reads --namespaced-stores-ambient-credentials from %j and %j as %s', (argv, env, expected) => {
    expect(parseOperatorConfig(argv, env).namespacedStoresAmbientCredentials).toBe(expected);
  });

  it.each([
    [':0', { host: '0.0.0.0', port: 0 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['localhost:65535', { host: 'localhost', port: 65535 }],
    ['[::1]:9090', { host: '::1', port: 9090 }],
  ])('parses the metrics address %s', (address, expected) => {
    expect(parseOperatorConfig([`--metrics-address=${address}`], {}).metricsAddress).toEqual({
      ...expected,
      address,
    });
  });

  it.each([
    [
      ['--namespace=Team_A'],
      'invalid --namespace "Team_A" (env FERRY_NAMESPACE): expected empty (all namespaces) or a namespace name',
    ],
    [['--namespace', 'a'.repeat(64)], 'invalid --namespace "aaaa'],
    [
      ['--cluster-stores=off'],
      'invalid --cluster-stores "off" (env FERRY_CLUSTER_STORES): expected true, false, 1 or 0',
    ],
    [
      ['--namespaced-stores-ambient-credentials=yes'],
      'invalid --namespaced-stores-ambient-credentials "yes" (env FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS): expected true, false, 1 or 0',
    ],
    [
      ['--concurrency=abc'],
      'invalid --concurrency "abc" (env FERRY_CONCURRENCY): expected a whole number from 1 to 1000',
    ],
    [
      ['--concurrency=0'],
      'invalid --concurrency "0" (env FERRY_CONCURRENCY): expected a whole number from 1 to 1000',
    ],
    [['--concurrency=1001'], 'invalid --concurrency "1001"'],
    [['--concurrency=2.5'], 'invalid --concurrency "2.5"'],
    [['--concurrency=-1'], 'invalid --concurrency "-1"'],
    [
      ['--metrics-address=8080'],
      'invalid --metrics-address "8080" (env FERRY_METRICS_ADDRESS): expected "host:port" or ":port" with a port from 0 to 65535',
    ],
    [['--metrics-address=:65536'], 'invalid --metrics-address ":65536"'],
    [['--metrics-address=:http'], 'invalid --metrics-address ":http"'],
    [['--metrics-address=a b:80'], 'invalid --metrics-address "a b:80"'],
    [
      ['--log-level=verbose'],
      'invalid --log-level "verbose" (env FERRY_LOG_LEVEL): expected one of error, warn, info, debug',
    ],
    [['--log-format=yaml'], 'invalid --log-format "yaml" (env FERRY_LOG_FORMAT): expected json or text'],
    [
      ['--leader-elect=yes'],
      'invalid --leader-elect "yes" (env FERRY_LEADER_ELECT): expected auto, true, false, 1 or 0',
    ],
    [
      ['--leader-election-namespace=-bad'],
      'invalid --leader-election-namespace "-bad" (env FERRY_LEADER_ELECTION_NAMESPACE): expected empty or a namespace name',
    ],
    [
      ['--leader-election-id=Ferry_Leader'],
      'invalid --leader-election-id "Ferry_Leader" (env FERRY_LEADER_ELECTION_ID): expected a Lease name (DNS-1123 subdomain',
    ],
    [['--leader-election-id='], 'invalid --leader-election-id ""'],
    [
      ['--graceful-shutdown-seconds=3601'],
      'invalid --graceful-shutdown-seconds "3601" (env FERRY_GRACEFUL_SHUTDOWN_SECONDS): expected a whole number of seconds from 0 to 3600',
    ],
    [
      ['--template-left-delimiter=<< '],
      'invalid --template-left-delimiter "<< " (env FERRY_TEMPLATE_LEFT_DELIMITER): expected 1 to 16 printable ASCII characters without spaces',
    ],
    [['--template-right-delimiter='], 'invalid --template-right-delimiter ""'],
    [['--kubeconfig='], 'invalid --kubeconfig "": expected a path to a kubeconfig file'],
  ])('rejects %j with a message naming the flag, its variable and the expected form', (argv, message) => {
    expect(problemsOf(argv)).toContain(message);
  });

  it.each([
    ['30s', 30_000],
    ['1s', 1_000],
    ['2m', 120_000],
    ['24h', 86_400_000],
  ])('reads --min-refresh-interval=%s as %i ms', (value, expected) => {
    expect(parseOperatorConfig([`--min-refresh-interval=${value}`], {}).minRefreshInterval).toBe(expected);
  });

  it('refuses timeouts that could never fire: a connect timeout not shorter than the response timeout, a response timeout longer than a sync may take', () => {
    expect(problemsOf(['--provider-connect-timeout=10s'])).toBe(
      'invalid --provider-connect-timeout "10s" (env FERRY_PROVIDER_CONNECT_TIMEOUT): expected whole seconds or minutes from 1s to 60s, such as "3s", shorter than --provider-response-timeout',
    );
    expect(problemsOf(['--provider-response-timeout=45s'])).toBe(
      'invalid --provider-response-timeout "45s" (env FERRY_PROVIDER_RESPONSE_TIMEOUT): expected whole seconds or minutes from 1s to 10m, such as "10s", no longer than --provider-sync-timeout',
    );
    const config = parseOperatorConfig(['--provider-response-timeout=45s', '--provider-sync-timeout=1m'], {});
    expect([config.providerResponseTimeout, config.providerSyncTimeout]).toEqual([45_000, 60_000]);
  });

  it.each(['0s', '500ms', '1h30m', '25h', '30', 'soon'])('refuses --min-refresh-interval=%s', (value) => {
    expect(problemsOf([`--min-refresh-interval=${value}`])).toBe(
      `invalid --min-refresh-interval "${value}" (env FERRY_MIN_REFRESH_INTERVAL): expected whole seconds, minutes or hours from 1s to 24h, such as "1s", "30s", "5m" or "1h"`,
    );
  });

  it('reports a bad environment value under its flag and variable', () => {
    expect(problemsOf([], { FERRY_CONCURRENCY: 'many' })).toBe(
      'invalid --concurrency "many" (env FERRY_CONCURRENCY): expected a whole number from 1 to 1000',
    );
  });

  it('lists every problem on its own line in one error', () => {
    const message = problemsOf(['--concurrency=abc', '--log-format=yaml', '--bogus'], {
      FERRY_LOG_LEVEL: 'loud',
    });
    expect(message.split('\n')).toEqual([
      "4 problems with the operator's flags and environment:",
      expect.stringMatching(/^ {2}unknown flag --bogus: valid flags are /),
      expect.stringMatching(/^ {2}invalid --concurrency "abc"/),
      expect.stringMatching(/^ {2}invalid --log-level "loud"/),
      expect.stringMatching(/^ {2}invalid --log-format "yaml"/),
    ]);
  });

  it('names the closest flag when an unknown one is near, and lists the valid ones', () => {
    expect(problemsOf(['--concurency', '3'])).toBe(
      'unknown flag --concurency (did you mean --concurrency?): valid flags are --namespace, --cluster-stores, --namespaced-stores-ambient-credentials, --concurrency, ' +
        '--metrics-address, --log-level, --log-format, --leader-elect, --leader-election-namespace, ' +
        '--leader-election-id, --graceful-shutdown-seconds, --template-left-delimiter, --template-right-delimiter, --budget-render-seconds, ' +
        '--budget-render-memory-mib, --budget-regexp-work, --budget-find-mib, --render-workers, --min-refresh-interval, ' +
        '--provider-connect-timeout, --provider-response-timeout, --provider-sync-timeout, --provider-client-cache-size, ' +
        '--provider-client-cache-mib, --store-max-calls-in-flight, --store-breaker-failures, --store-breaker-probe-interval, ' +
        '--kubeconfig, --help',
    );
    expect(problemsOf(['--leader-elect-namespace=x'])).toContain('did you mean --leader-election-namespace?');
    expect(problemsOf(['--kube-config=/tmp/kc'])).toContain('did you mean --kubeconfig?');
    expect(problemsOf(['-namespace', 'x'])).toMatch(
      /^unknown flag -namespace \(did you mean --namespace\?\)/,
    );
  });

  it('suggests nothing for a flag unlike any other', () => {
    const message = problemsOf(['--frobnicate']);
    expect(message).toMatch(/^unknown flag --frobnicate: valid flags are --namespace/);
    expect(message).not.toContain('did you mean');
  });

  it('explains a stray argument after a switch', () => {
    expect(problemsOf(['--leader-elect', 'false'])).toBe(
      'unexpected argument "false": Ferry takes only flags; to set --leader-elect, write --leader-elect=false',
    );
    expect(problemsOf(['--', 'extra'])).toBe(
      'unexpected argument "extra": Ferry takes only flags, written --flag=value or --flag value',
    );
  });

  it('asks for the value a flag is missing', () => {
    expect(problemsOf(['--namespace'])).toBe('flag --namespace needs a value: --namespace=<namespace>');
    expect(problemsOf(['--namespace', '--leader-elect'])).toContain(
      'flag --namespace is followed by "--leader-elect" instead of a value',
    );
  });

  it('never mentions environment variables other than its own', () => {
    const message = problemsOf(['--concurrency=abc'], {
      AWS_SECRET_ACCESS_KEY: 'do-not-print',
      HOME: '/root',
    });
    expect(message).not.toContain('do-not-print');
    expect(message).not.toContain('/root');
  });

  it('accepts --help among other flags', () => {
    expect(parseOperatorConfig(['--help', '--concurrency=3'], {}).concurrency).toBe(3);
  });
});

describe('helpRequested', () => {
  it.each([
    [['--help'], true],
    [['-h'], true],
    [['--concurrency=bad', '--help'], true],
    [[], false],
    [['--concurrency=3'], false],
    [['--', '--help'], false],
  ])('for %j is %s', (argv, expected) => {
    expect(helpRequested(argv)).toBe(expected);
  });
});
