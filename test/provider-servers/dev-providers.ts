// `make dev-providers` / `make dev-providers-down`: every provider test server in the background,
// for a person or for tests written outside this repo. Endpoints and test credentials go to
// .dev/providers.env (shell syntax), with what the operator needs to reach them, so that
//   set -a; . .dev/providers.env; set +a; make run
// runs an operator that can sync stores pointed at them. Idempotent; state lives in .dev/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning, stopProcess } from '../controlplane/index.ts';
import { startGcpSecretManagerServer } from './gcp-secret-manager/index.ts';
import { provideLowkeyVaultJar, startLowkeyVault } from './lowkey-vault/index.ts';
import { startMotoServer } from './moto/index.ts';
import { startOpenBaoServer } from './openbao/index.ts';
import type { ProviderServer, ProviderServerOptions } from './types.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const devDir = join(repoRoot, '.dev');
const stateDir = join(devDir, 'providers');
const stateFile = join(devDir, 'providers.json');
const envFile = join(devDir, 'providers.env');

interface RunningServer {
  name: string;
  pids: number[];
  env: Record<string, string>;
  logFile: string;
}

const servers: { name: string; start: (options: ProviderServerOptions) => Promise<ProviderServer> }[] = [
  { name: 'moto', start: startMotoServer },
  { name: 'openbao', start: startOpenBaoServer },
  { name: 'gcp-secret-manager', start: startGcpSecretManagerServer },
  { name: 'lowkey-vault', start: startLowkeyVault },
];

function readState(): RunningServer[] {
  if (!existsSync(stateFile)) return [];
  return JSON.parse(readFileSync(stateFile, 'utf8')) as RunningServer[];
}

/** What the operator needs beyond the servers' own variables to reach them. */
function operatorEnv(running: RunningServer[]): Record<string, string> {
  const env: Record<string, string> = {};
  const azure = running.find((server) => server.name === 'lowkey-vault');
  if (azure?.env['AZURE_KEYVAULT_CA_FILE']) env['NODE_EXTRA_CA_CERTS'] = azure.env['AZURE_KEYVAULT_CA_FILE'];
  return env;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

function writeEnvFile(running: RunningServer[], unavailable: string[]): void {
  const lines = [
    '# Written by `make dev-providers`: test servers on loopback with test credentials. Not secrets of',
    '# any real account. Load with: set -a; . .dev/providers.env; set +a',
    '#',
    '# Point stores at them with the endpoint fields of docs/providers/*.md, for example:',
    '#   aws:     endpoint: $AWS_ENDPOINT_URL (or none: the operator uses AWS_ENDPOINT_URL below)',
    '#   vault:   server: $VAULT_ADDR, auth.tokenSecretRef to a Secret holding $VAULT_TOKEN',
    '#   gcpsm:   endpoint: http://$GCP_SECRETMANAGER_ENDPOINT, transport: REST',
    '#   azurekv: vaultUrl: $AZURE_KEYVAULT_URL, authType: ManagedIdentity',
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

async function up(): Promise<void> {
  const existing = readState();
  if (existing.length > 0 && existing.every((server) => server.pids.every(isRunning))) {
    console.log(`provider servers already running: ${existing.map((s) => s.name).join(', ')}`);
    console.log(`endpoints and credentials: ${envFile}`);
    return;
  }
  if (existing.length > 0) await down();
  mkdirSync(stateDir, { recursive: true });
  const running: RunningServer[] = [];
  const unavailable: string[] = [];
  for (const { name, start } of servers) {
    if (
      name === 'lowkey-vault' &&
      !(await provideLowkeyVaultJar().then(
        () => true,
        () => false,
      ))
    ) {
      console.log('lowkey-vault: not available (set FERRY_LOWKEY_VAULT_JAR to its runnable jar); skipped');
      unavailable.push(name);
      continue;
    }
    const dir = join(stateDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = await start({ dir, detached: true });
    running.push({ name, pids: server.pids, env: server.env, logFile: server.logFile });
    // Saved after each, so a failure later still lets `down` stop what started.
    writeFileSync(stateFile, JSON.stringify(running, null, 2));
    console.log(`${name}: running (pids ${server.pids.join(', ')})`);
  }
  writeEnvFile(running, unavailable);
  console.log(`endpoints and credentials: ${envFile}`);
  console.log('load them with: set -a; . .dev/providers.env; set +a');
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
