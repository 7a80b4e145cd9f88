import type { SettingName } from './schema.ts';

export interface Setting {
  /** Long flag name, without the dashes. */
  flag: string;
  /** Environment variable read when the flag is absent; none for flag-only settings. */
  env?: string;
  /** Used when neither flag nor environment sets it; none for optional settings. */
  default?: string;
  /** True for on/off switches, which may be given as a bare flag. */
  boolean?: boolean;
  /** Placeholder for the value in the usage text. */
  placeholder: string;
  /** What a valid value looks like; ends every message about a bad value. */
  expected: string;
  description: string;
}

// One row per field of the schema (the type checks there is no more and no less), in usage order.
export const settings: Readonly<Record<SettingName, Setting>> = {
  namespace: {
    flag: 'namespace',
    env: 'FERRY_NAMESPACE',
    default: '',
    placeholder: '<namespace>',
    expected:
      'empty (all namespaces) or a namespace name (DNS-1123 label: lower-case letters, digits and "-", at most 63 characters)',
    description: 'Namespace to watch; empty watches every namespace.',
  },
  clusterStores: {
    flag: 'cluster-stores',
    env: 'FERRY_CLUSTER_STORES',
    default: 'true',
    boolean: true,
    placeholder: '',
    expected: 'true, false, 1 or 0 (the flag alone means true)',
    description:
      'Watch and serve ClusterSecretStores; false (with --namespace) lets the operator run with a Role in its namespace only, and ExternalSecrets that name a ClusterSecretStore report StoreNotAllowed.',
  },
  namespacedStoresAmbientCredentials: {
    flag: 'namespaced-stores-ambient-credentials',
    env: 'FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS',
    default: 'false',
    boolean: true,
    placeholder: '',
    expected: 'true, false, 1 or 0 (the flag alone means true)',
    description:
      "Let a namespaced SecretStore without credentials of its own use the operator's own cloud identity (AWS default chain, Google application-default credentials, Azure managed or workload identity, Vault login with the operator's ServiceAccount token); by default only ClusterSecretStores may, and such a SecretStore reports AmbientCredentialsNotAllowed.",
  },
  concurrency: {
    flag: 'concurrency',
    env: 'FERRY_CONCURRENCY',
    default: '32',
    placeholder: '<n>',
    expected: 'a whole number from 1 to 1000',
    description: 'Maximum number of reconciles running at once, per controller.',
  },
  metricsAddress: {
    flag: 'metrics-address',
    env: 'FERRY_METRICS_ADDRESS',
    default: ':8080',
    placeholder: '<host:port>',
    expected: '"host:port" or ":port" with a port from 0 to 65535, such as ":8080" or "127.0.0.1:8080"',
    description:
      'Where to serve /metrics, /healthz and /readyz; an empty host listens on every interface, port 0 picks a free port.',
  },
  logLevel: {
    flag: 'log-level',
    env: 'FERRY_LOG_LEVEL',
    default: 'info',
    placeholder: '<level>',
    expected: 'one of error, warn, info, debug',
    description: 'Least severe level that is logged.',
  },
  logFormat: {
    flag: 'log-format',
    env: 'FERRY_LOG_FORMAT',
    default: 'json',
    placeholder: '<format>',
    expected: 'json or text',
    description: 'json: one JSON object per line; text: one human-readable line per entry.',
  },
  leaderElect: {
    flag: 'leader-elect',
    env: 'FERRY_LEADER_ELECT',
    default: 'auto',
    boolean: true,
    placeholder: '',
    expected: 'auto, true, false, 1 or 0 (the flag alone means true)',
    description:
      'Take a Lease before reconciling, so that only one Ferry works at a time. auto: on in a pod; out of cluster on too (a second `make run` stands by and says which process holds the Lease), except that a kubeconfig that may not use the Lease runs without it and warns; false turns it off.',
  },
  leaderElectionNamespace: {
    flag: 'leader-election-namespace',
    env: 'FERRY_LEADER_ELECTION_NAMESPACE',
    default: '',
    placeholder: '<namespace>',
    expected:
      'empty or a namespace name (DNS-1123 label: lower-case letters, digits and "-", at most 63 characters)',
    description:
      "Namespace of the leader election Lease; empty uses the pod's namespace, and out of cluster ferry-system if it exists (where config/ deploys Ferry, so `make run` stands by behind a deployed Ferry), else default.",
  },
  leaderElectionId: {
    flag: 'leader-election-id',
    env: 'FERRY_LEADER_ELECTION_ID',
    default: 'ferry-leader',
    placeholder: '<name>',
    expected:
      'a Lease name (DNS-1123 subdomain: lower-case letters, digits, "-" and ".", at most 253 characters)',
    description: 'Name of the leader election Lease.',
  },
  gracefulShutdownSeconds: {
    flag: 'graceful-shutdown-seconds',
    env: 'FERRY_GRACEFUL_SHUTDOWN_SECONDS',
    default: '25',
    placeholder: '<seconds>',
    expected: 'a whole number of seconds from 0 to 3600',
    description: 'How long in-flight reconciles may run after SIGTERM before the process exits.',
  },
  templateLeftDelimiter: {
    flag: 'template-left-delimiter',
    env: 'FERRY_TEMPLATE_LEFT_DELIMITER',
    default: '{{',
    placeholder: '<text>',
    expected: '1 to 16 printable ASCII characters without spaces, such as "{{" or "<%"',
    description:
      "What opens an action in target.template and rewrite templates, as ESO's flag of the same name (for ExternalSecrets kept in Helm charts).",
  },
  templateRightDelimiter: {
    flag: 'template-right-delimiter',
    env: 'FERRY_TEMPLATE_RIGHT_DELIMITER',
    default: '}}',
    placeholder: '<text>',
    expected: '1 to 16 printable ASCII characters without spaces, such as "}}" or "%>"',
    description: 'What closes an action in those templates.',
  },
  budgetRenderSeconds: {
    flag: 'budget-render-seconds',
    env: 'FERRY_BUDGET_RENDER_SECONDS',
    default: '10',
    placeholder: '<seconds>',
    expected: 'a whole number of seconds from 1 to 600',
    description:
      "Wall-clock time one sync's templates, rewrites and regexps may take together; past it, that ExternalSecret fails with BudgetExceeded.",
  },
  budgetRenderMemoryMib: {
    flag: 'budget-render-memory-mib',
    env: 'FERRY_BUDGET_RENDER_MEMORY_MIB',
    default: '64',
    placeholder: '<MiB>',
    expected: 'a whole number of MiB from 16 to 4096',
    description:
      "Memory one sync's rendering may hold (values, lists and dicts its templates build, summed over every key); also the heap limit of each render worker.",
  },
  budgetRegexpWork: {
    flag: 'budget-regexp-work',
    env: 'FERRY_BUDGET_REGEXP_WORK',
    default: '100000000',
    placeholder: '<units>',
    expected: 'a whole number from 1000000 to 5000000000',
    description:
      'Regexp work one sync may do, counted as compiled program size times input length, summed over every match (templates, rewrites, find); 10^8 is a few seconds.',
  },
  budgetFindMib: {
    flag: 'budget-find-mib',
    env: 'FERRY_BUDGET_FIND_MIB',
    default: '16',
    placeholder: '<MiB>',
    expected: 'a whole number of MiB from 1 to 1024',
    description:
      'Bytes one dataFrom.find may load from a store before that ExternalSecret fails with BudgetExceeded.',
  },
  renderWorkers: {
    flag: 'render-workers',
    env: 'FERRY_RENDER_WORKERS',
    default: '2',
    placeholder: '<n>',
    expected: 'a whole number from 1 to 64',
    description:
      'Worker threads that render templates and run user regexps, each stopped and replaced when a sync exceeds its budget.',
  },
  minRefreshInterval: {
    flag: 'min-refresh-interval',
    env: 'FERRY_MIN_REFRESH_INTERVAL',
    default: '1s',
    placeholder: '<duration>',
    expected: 'whole seconds, minutes or hours from 1s to 24h, such as "1s", "30s", "5m" or "1h"',
    description:
      'Shortest interval between periodic refreshes of an ExternalSecret, and between re-validations of a store: a shorter refreshInterval is raised to it, and its Ready message says so ("0", sync once, is kept). The CRDs refuse below 1s; config/admission raises that floor at admission.',
  },
  providerConnectTimeout: {
    flag: 'provider-connect-timeout',
    env: 'FERRY_PROVIDER_CONNECT_TIMEOUT',
    default: '3s',
    placeholder: '<duration>',
    expected:
      'whole seconds or minutes from 1s to 60s, such as "3s", shorter than --provider-response-timeout',
    description:
      "How long a connection to a store's server (TCP and TLS) may take to be established; past it the call fails as Unavailable, naming the server.",
  },
  providerResponseTimeout: {
    flag: 'provider-response-timeout',
    env: 'FERRY_PROVIDER_RESPONSE_TIMEOUT',
    default: '10s',
    placeholder: '<duration>',
    expected:
      'whole seconds or minutes from 1s to 10m, such as "10s", no longer than --provider-sync-timeout',
    description:
      "How long one call to a store may wait for its answer (a find's listing pages: each); past it the call fails as Unavailable, naming the server.",
  },
  providerSyncTimeout: {
    flag: 'provider-sync-timeout',
    env: 'FERRY_PROVIDER_SYNC_TIMEOUT',
    default: '30s',
    placeholder: '<duration>',
    expected: 'whole seconds, minutes or hours from 1s to 1h, such as "30s" or "2m"',
    description:
      "How long one sync's calls to its stores may take in all: each call waits at most the response timeout or what is left of this, whichever is shorter.",
  },
  providerClientCacheSize: {
    flag: 'provider-client-cache-size',
    env: 'FERRY_PROVIDER_CLIENT_CACHE_SIZE',
    default: '1000',
    placeholder: '<n>',
    expected: 'a whole number from 10 to 1000000',
    description:
      'Provider clients (one per store in use, logged in) kept for reuse; past it the least recently used is closed, and rebuilt when its store is used again.',
  },
  providerClientCacheMib: {
    flag: 'provider-client-cache-mib',
    env: 'FERRY_PROVIDER_CLIENT_CACHE_MIB',
    default: '16',
    placeholder: '<MiB>',
    expected: 'a whole number of MiB from 1 to 4096',
    description:
      "Estimated memory of the provider clients kept (each provider's measured size per client); past it the least recently used is closed.",
  },
  storeMaxCallsInFlight: {
    flag: 'store-max-calls-in-flight',
    env: 'FERRY_STORE_MAX_CALLS_IN_FLIGHT',
    default: 'auto',
    placeholder: '<n>',
    expected: 'auto or a whole number from 1 to 1000',
    description:
      'Provider calls in flight per store (for a ClusterSecretStore, per store and namespace); an ExternalSecret whose store is at the limit waits for a free slot without holding a worker. auto: an eighth of --concurrency, at least 2.',
  },
  storeBreakerFailures: {
    flag: 'store-breaker-failures',
    env: 'FERRY_STORE_BREAKER_FAILURES',
    default: '3',
    placeholder: '<n>',
    expected: 'a whole number from 1 to 100',
    description:
      "Calls in a row that a store's server leaves unanswered (connection refused or reset, timed out, HTTP 5xx) before its calls are paused: its ExternalSecrets and the store report ProviderUnavailable until a probe finds it back.",
  },
  storeBreakerProbeInterval: {
    flag: 'store-breaker-probe-interval',
    env: 'FERRY_STORE_BREAKER_PROBE_INTERVAL',
    default: '2s',
    placeholder: '<duration>',
    expected: 'whole seconds or minutes from 1s to 5m, such as "2s" or "30s"',
    description:
      'How often a store whose calls are paused is probed (one validation call in the background); the first answer resumes its calls and syncs all its ExternalSecrets at once.',
  },
  kubeconfig: {
    flag: 'kubeconfig',
    placeholder: '<path>',
    expected: 'a path to a kubeconfig file',
    description:
      'Kubeconfig file to connect with; when unset, $KUBECONFIG or the in-cluster service account is used.',
  },
};

export const settingNames = Object.keys(settings) as SettingName[];
