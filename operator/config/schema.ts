import { z } from 'zod';

import { parseMetricsAddress } from './metrics-address.ts';

// Every source (flag, environment, default) arrives as a string, so the schema parses strings;
// the human form of each rule lives in settings.ts, which turns issues into messages.

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .pipe(z.int().min(min).max(max));
}

const namespaceName = z.string().max(63).regex(dns1123Label);

/** Printable, without spaces: a delimiter made of whitespace could never be told from the text. */
const templateDelimiter = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[!-~]+$/);

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600 };
/**
 * A duration in whole seconds, minutes or hours ("30s", "5m", "1h"), as milliseconds: a subset of
 * the Go durations the CRDs take, so the same text can be an admission policy's parameter.
 */
function wholeDurationMs(minSeconds: number, maxSeconds: number) {
  return z
    .string()
    .regex(/^\d{1,6}[smh]$/)
    .transform((text) => Number(text.slice(0, -1)) * (unitSeconds[text.slice(-1)] ?? 0))
    .pipe(z.int().min(minSeconds).max(maxSeconds))
    .transform((seconds) => seconds * 1000);
}

const onOff = z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] });

export const operatorConfigSchema = z
  .object({
    namespace: z.literal('').or(namespaceName),
    // false: no cluster-scoped watch at all, so a Role in the watched namespace is all the RBAC needed.
    clusterStores: onOff,
    // false: a namespaced SecretStore without auth is refused instead of acting as the operator itself.
    namespacedStoresAmbientCredentials: onOff,
    concurrency: wholeNumber(1, 1000),
    metricsAddress: z.string().transform((text, context) => {
      const address = parseMetricsAddress(text);
      if (address === undefined) {
        context.issues.push({ code: 'custom', message: 'invalid address', input: text });
        return z.NEVER;
      }
      return address;
    }),
    logLevel: z.enum(['error', 'warn', 'info', 'debug']),
    logFormat: z.enum(['json', 'text']),
    // auto: on in a pod (two replicas must not both write), off for `make run`.
    leaderElect: z.literal('auto').or(onOff),
    leaderElectionNamespace: z.literal('').or(namespaceName),
    leaderElectionId: z.string().min(1).max(253).regex(dns1123Subdomain),
    gracefulShutdownSeconds: wholeNumber(0, 3600),
    // ESO's flags of the same names: for ExternalSecrets written inside Helm charts, whose own
    // templating would otherwise consume the {{ }} of theirs.
    templateLeftDelimiter: templateDelimiter,
    templateRightDelimiter: templateDelimiter,
    // Budgets of one sync (docs/operations.md, "Budgets"): what a tenant's templates, regexps and
    // finds may cost before that ExternalSecret fails with BudgetExceeded.
    budgetRenderSeconds: wholeNumber(1, 600),
    budgetRenderMemoryMib: wholeNumber(16, 4096),
    budgetRegexpWork: wholeNumber(1_000_000, 5_000_000_000),
    budgetFindMib: wholeNumber(1, 1024),
    renderWorkers: wholeNumber(1, 64),
    // The shortest refresh interval honoured: a tenant's shorter one is raised to it (docs/operations.md).
    minRefreshInterval: wholeDurationMs(1, 86_400),
    // Timeouts of every provider call (docs/operations.md, "Timeouts"), and the bounds of the cache of
    // provider clients ("Memory").
    providerConnectTimeout: wholeDurationMs(1, 60),
    providerResponseTimeout: wholeDurationMs(1, 600),
    providerSyncTimeout: wholeDurationMs(1, 3600),
    providerClientCacheSize: wholeNumber(10, 1_000_000),
    providerClientCacheMib: wholeNumber(1, 4096),
    // Bulkheads and circuit breakers of the stores (docs/operations.md, "A slow or dead store"): what a
    // store that never answers may hold of the shared workers, and when its calls are paused.
    storeMaxCallsInFlight: z.literal('auto').or(wholeNumber(1, 1000)),
    storeBreakerFailures: wholeNumber(1, 100),
    storeBreakerProbeInterval: wholeDurationMs(1, 300),
    kubeconfig: z.string().min(1).optional(),
  })
  // A timeout that could never fire is a mistake worth refusing: the connect timeout is part of a
  // call's response time, and a call is part of a sync.
  .superRefine((config, context) => {
    if (config.providerConnectTimeout >= config.providerResponseTimeout)
      context.issues.push({
        code: 'custom',
        message: 'not shorter',
        input: config,
        path: ['providerConnectTimeout'],
      });
    if (config.providerResponseTimeout > config.providerSyncTimeout)
      context.issues.push({
        code: 'custom',
        message: 'longer',
        input: config,
        path: ['providerResponseTimeout'],
      });
  });

export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
export type SettingName = keyof z.input<typeof operatorConfigSchema>;
