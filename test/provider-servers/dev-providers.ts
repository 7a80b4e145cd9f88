// `make dev-providers` / `make dev-providers-down`: every provider test server in the background,
// for a person or for tests written outside this repo. Each listens where its examples/ store
// says (when that port is free) and holds the remote secrets its examples read, so that after
//   set -a; . .dev/providers.env; set +a; make run
// the example stores and ExternalSecrets apply as they are. Endpoints and test credentials go to
// .dev/providers.env (shell syntax), with what the operator needs to reach them. Idempotent: run
// again, it keeps running servers and seeds only what is missing. State lives in .dev/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning, stopProcess } from '../controlplane/index.ts';
import {
  exampleGcpProject,
  exampleGcpSecretManagerPort,
  gcpProject,
  seedGcpSecretManagerExampleData,
  startGcpSecretManagerServer,
} from './gcp-secret-manager/index.ts';
import { isLoopbackPortFree } from './loopback-port.ts';
import {
  exampleLowkeyVaultPort,
  provideLowkeyVault,
  seedLowkeyVaultExampleData,
  startLowkeyVault,
} from './lowkey-vault/index.ts';
import { exampleMotoPort, seedMotoExampleData, startMotoServer } from './moto/index.ts';
import {
  exampleOpenBaoPort,
  exampleOpenBaoRootToken,
  seedOpenBaoExampleData,
  startOpenBaoServer,
} from './openbao/index.ts';
import type { ProviderServer, SeedExampleData } from './types.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const devDir = join(repoRoot, '.dev');
const stateDir = join(devDir, 'providers');
const stateFile = join(devDir, 'providers.json');
const envFile = join(devDir, 'providers.env');

/** The example files a server's data is for, and how they reach it. */
interface ExampleUse {
  /** Store and ExternalSecret, applied together. */
  files: string[];
  /**
   * The loopback port the store names: on it, the files apply as they are; elsewhere, `edit` says
   * what to change. Undefined when no store of examples/ points at a local server.
   */
  port: number | undefined;
  edit: string;
  /** What else a person should know about the data. */
  note?: string;
}

interface DevProvider {
  name: string;
  start(dir: string, port: number | undefined): Promise<ProviderServer>;
  seed: SeedExampleData;
  example: ExampleUse;
}

const providers: DevProvider[] = [
  {
    name: 'moto',
    start: (dir, port) => startMotoServer({ dir, detached: true, port }),
    seed: seedMotoExampleData,
    example: {
      files: ['examples/aws/secret-store-moto.yaml', 'examples/aws/external-secret.yaml'],
      port: exampleMotoPort,
      edit: 'set spec.provider.aws.endpoint and stsEndpoint to $AWS_ENDPOINT_URL',
    },
  },
  {
    name: 'openbao',
    // The example's token, so its token Secret works as it is: a dev-only token for a throwaway server.
    start: (dir, port) =>
      startOpenBaoServer({ dir, detached: true, port, rootToken: exampleOpenBaoRootToken }),
    seed: seedOpenBaoExampleData,
    example: {
      files: ['examples/vault/secret-store-openbao-dev.yaml', 'examples/vault/external-secret.yaml'],
      port: exampleOpenBaoPort,
      edit: 'set spec.provider.vault.server to $VAULT_ADDR',
    },
  },
  {
    name: 'gcp-secret-manager',
    start: (dir, port) => startGcpSecretManagerServer({ dir, detached: true, port }),
    seed: seedGcpSecretManagerExampleData,
    example: {
      files: ['examples/gcpsm/secret-store-emulator.yaml', 'examples/gcpsm/external-secret.yaml'],
      port: exampleGcpSecretManagerPort,
      edit: 'set spec.provider.gcpsm.endpoint to http://$GCP_SECRETMANAGER_ENDPOINT',
      note: `the example's secrets are in project ${exampleGcpProject}; GCP_PROJECT=${gcpProject} below names another project, which holds nothing: use it for secrets of your own`,
    },
  },
  {
    name: 'lowkey-vault',
    start: (dir, port) => startLowkeyVault({ dir, detached: true, port }),
    seed: seedLowkeyVaultExampleData,
    example: {
      files: ['examples/azurekv/secret-store-lowkey-vault.yaml', 'examples/azurekv/external-secret.yaml'],
      port: exampleLowkeyVaultPort,
      edit: 'set spec.provider.azurekv.vaultUrl to $AZURE_KEYVAULT_URL',
    },
  },
];

interface RunningServer {
  name: string;
  pids: number[];
  env: Record<string, string>;
  logFile: string;
  /** Whether it listens on its example's port, so the example applies as it is. */
  onExamplePort: boolean;
}

function readState(): RunningServer[] {
  if (!existsSync(stateFile)) return [];
  return JSON.parse(readFileSync(stateFile, 'utf8')) as RunningServer[];
}

function exampleOf(name: string): ExampleUse | undefined {
  return providers.find((provider) => provider.name === name)?.example;
}

/** What the operator needs beyond the servers' own variables to reach them. */
function operatorEnv(running: RunningServer[]): Record<string, string> {
  const env: Record<string, string> = {};
  const azure = running.find((server) => server.name === 'lowkey-vault');
  if (azure?.env['AZURE_KEYVAULT_CA_FILE']) {
    env['NODE_EXTRA_CA_CERTS'] = azure.env['AZURE_KEYVAULT_CA_FILE'];
    // The example's namespaced SecretStore logs in as the managed identity, the operator's own.
    env['FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS'] = 'true';
  }
  return env;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** The comment lines of providers.env that say which examples apply as they are. */
function exampleLines(running: RunningServer[]): string[] {
  const ready: string[] = [];
  const toEdit: string[] = [];
  for (const server of running) {
    const example = exampleOf(server.name);
    if (!example) continue;
    const into = server.onExamplePort ? ready : toEdit;
    into.push(
      server.onExamplePort
        ? `#   kubectl apply ${example.files.map((file) => `-f ${file}`).join(' ')}`
        : `#   ${example.files.join(' + ')}: ${example.edit}`,
    );
    if (example.note !== undefined) into.push(`#     (${example.note})`);
  }
  const lines = [
    '#',
    '# Each server holds the remote secrets its examples/ files read (see their comments).',
  ];
  if (ready.length > 0) {
    lines.push(
      '# Ready to apply as they are, with `make run` running, after `kubectl create namespace app`.',
      '# Each pair writes the ExternalSecret and Secret "app-db" there (azurekv\'s: "database-credentials"):',
      '# the pair applied last decides.',
      ...ready,
    );
  }
  if (toEdit.length > 0) {
    lines.push(
      "# WARNING: these servers found their example's port taken by another process. Applied as they are,",
      '# these stores would send their requests to that process, not to the test server. Edit them first:',
      ...toEdit,
    );
  }
  return lines;
}

function writeEnvFile(running: RunningServer[], unavailable: string[]): void {
  const lines = [
    '# Written by `make dev-providers`: test servers on loopback with test credentials. Not secrets of',
    '# any real account. Load with: set -a; . .dev/providers.env; set +a',
    '#',
    '# Point stores at them with the endpoint fields of docs/providers/*.md, for example:',
    '#   aws:     endpoint and stsEndpoint: $AWS_ENDPOINT_URL (the operator never uses AWS_ENDPOINT_URL itself)',
    '#   vault:   server: $VAULT_ADDR, auth.tokenSecretRef to a Secret holding $VAULT_TOKEN',
    '#   gcpsm:   endpoint: http://$GCP_SECRETMANAGER_ENDPOINT, transport: REST',
    '#   azurekv: vaultUrl: $AZURE_KEYVAULT_URL, authType: ManagedIdentity',
    ...exampleLines(running),
  ];
  for (const name of unavailable) lines.push(`# ${name}: not started (see the output of make dev-providers)`);
  for (const server of running) {
    lines.push('', `# ${server.name} (log: ${server.logFile})`);
    for (const [key, value] of Object.entries(server.env)) lines.push(`${key}=${shellQuote(value)}`);
  }
  const forOperator = operatorEnv(running);
  if (Object.keys(forOperator).length > 0) {
    lines.push('', '# for the operator process');
    for (const [key, value] of Object.entries(forOperator)) lines.push(`${key}=${shellQuote(value)}`);
  }
  writeFileSync(envFile, `${lines.join('\n')}\n`);
}

/** Creates whatever of the example data the server lacks, and says what it did. */
async function seed(server: RunningServer): Promise<void> {
  const provider = providers.find((each) => each.name === server.name);
  if (!provider) return;
  const created = await provider.seed(server.env);
  console.log(
    created.length > 0
      ? `${server.name}: example data created: ${created.join(', ')}`
      : `${server.name}: example data already there`,
  );
}

/** The example's port when nothing holds it, else a free one (undefined). */
async function portFor(provider: DevProvider): Promise<number | undefined> {
  const { port } = provider.example;
  if (port === undefined || (await isLoopbackPortFree(port))) return port;
  console.log(`${provider.name}: 127.0.0.1:${String(port)} is taken; starting on a free port instead`);
  return undefined;
}

/**
 * What a person must not miss when a server could not take its example's port: the example store,
 * applied as it is, would talk to whatever else listens there (with the test credentials it holds).
 */
function portTakenWarning(server: RunningServer): string | undefined {
  const example = exampleOf(server.name);
  if (server.onExamplePort || example?.port === undefined) return undefined;
  const address = `127.0.0.1:${String(example.port)}`;
  return [
    `WARNING: ${server.name} could not listen on ${address}, the address ${example.files[0] ?? ''} names: another process holds it.`,
    `  Applied as it is, that store would send its requests to whatever listens on ${address}, not to ${server.name}.`,
    `  ${server.name} listens on a free port instead; before applying the example, ${example.edit} (see ${envFile}).`,
  ].join('\n');
}

/** The warnings, last, so that no other output scrolls them away. */
function warnAboutTakenPorts(running: RunningServer[]): void {
  for (const warning of running.map(portTakenWarning)) if (warning !== undefined) console.warn(warning);
}

async function up(): Promise<void> {
  const existing = readState();
  if (existing.length > 0 && existing.every((server) => server.pids.every(isRunning))) {
    console.log(`provider servers already running: ${existing.map((s) => s.name).join(', ')}`);
    for (const server of existing) await seed(server);
    writeEnvFile(
      existing,
      providers.map((p) => p.name).filter((name) => !existing.some((server) => server.name === name)),
    );
    console.log(`endpoints and credentials: ${envFile}`);
    warnAboutTakenPorts(existing);
    return;
  }
  if (existing.length > 0) await down();
  mkdirSync(stateDir, { recursive: true });
  const running: RunningServer[] = [];
  const unavailable: string[] = [];
  for (const provider of providers) {
    const { name } = provider;
    // Without its jar or a Java 25, Lowkey Vault's scripts have said why in one line; the rest start.
    if (
      name === 'lowkey-vault' &&
      !(await provideLowkeyVault().then(
        () => true,
        () => false,
      ))
    ) {
      unavailable.push(name);
      continue;
    }
    const dir = join(stateDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const port = await portFor(provider);
    const server = await provider.start(dir, port);
    const entry: RunningServer = {
      name,
      pids: server.pids,
      env: server.env,
      logFile: server.logFile,
      onExamplePort: port !== undefined,
    };
    running.push(entry);
    // Saved after each, so a failure later still lets `down` stop what started.
    writeFileSync(stateFile, JSON.stringify(running, null, 2));
    console.log(`${name}: running (pids ${server.pids.join(', ')})`);
    await seed(entry);
  }
  writeEnvFile(running, unavailable);
  console.log(`endpoints and credentials: ${envFile}`);
  console.log('load them with: set -a; . .dev/providers.env; set +a');
  warnAboutTakenPorts(running);
}

async function down(): Promise<void> {
  const state = readState();
  if (state.length === 0) {
    console.log('provider servers are not running');
    return;
  }
  await Promise.all(state.flatMap((server) => server.pids.map((pid) => stopProcess(pid))));
  rmSync(stateFile, { force: true });
  rmSync(envFile, { force: true });
  rmSync(stateDir, { recursive: true, force: true });
  console.log(`provider servers stopped: ${state.map((s) => s.name).join(', ')}`);
}

const command = process.argv[2];
if (command === 'up') await up();
else if (command === 'down') await down();
else {
  console.error('usage: node test/provider-servers/dev-providers.ts up|down');
  process.exitCode = 2;
}
