// How long Lowkey Vault takes to start as the harness starts it, and the memory it holds: prints
// figures, asserts nothing. Run where its jar is provided (FERRY_LOWKEY_VAULT_JAR):
//   node test/bench/lowkey-vault-startup.ts [--runs=3]
// Per run: seconds from spawning Java to the vault answering over verified TLS (the harness's wait,
// vault creation included), then the server's RSS idle and after the example data is seeded and
// read back. Its log's own "Started LowkeyVaultApp in" figure is printed beside, for comparison.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedLowkeyVaultExampleData, startLowkeyVault } from '../provider-servers/lowkey-vault/index.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const runs = Number.parseInt(values.runs, 10);

/** Resident memory of a process in MiB, from /proc (what `ps -o rss` shows). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${String(pid)}/status`, 'utf8')
    .split('\n')
    .find((each) => each.startsWith('VmRSS:'));
  return Number.parseInt(line?.replace(/\D+/g, '') ?? '0', 10) / 1024;
}

for (let run = 1; run <= runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-lowkey-bench-'));
  const startedAt = performance.now();
  const server = await startLowkeyVault({ dir, detached: false });
  const startSeconds = (performance.now() - startedAt) / 1000;
  try {
    const [pid = 0] = server.pids;
    const idle = rssMiB(pid);
    await seedLowkeyVaultExampleData(server.env);
    await seedLowkeyVaultExampleData(server.env); // reads every object back
    const seeded = rssMiB(pid);
    const ownFigure = /Started LowkeyVaultApp in ([\d.]+) seconds/.exec(
      readFileSync(server.logFile, 'utf8'),
    )?.[1];
    console.log(
      `run ${String(run)}: ready in ${startSeconds.toFixed(1)} s (its log: started in ${ownFigure ?? '?'} s); ` +
        `RSS ${idle.toFixed(0)} MiB idle, ${seeded.toFixed(0)} MiB after seeding the example data`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
