#!/usr/bin/env node
// The `ferry` CLI (also `kubectl ferry`): wires the process (arguments, streams, signals, exit code)
// to the commands. Everything else lives in modules that tests run in-process.
import packageJson from '../../package.json' with { type: 'json' };
import type { Io } from './command.ts';
import { commands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

const interrupted = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // The first Ctrl-C lets a waiting command stop and say where things stand; a second one does not wait.
  if (signals > 1) process.exit(130);
  interrupted.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Piped into `head`: the reader left, so stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTerminal: process.stdout.isTTY,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupted.signal,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  },
};

const code = await runCli(process.argv.slice(2), io, commands, packageJson.version);
// Exit now rather than when the connection pool's idle sockets close; stdout and stderr are
// synchronous for files, pipes and terminals on POSIX, so nothing written is lost.
process.exit(interrupted.signal.aborted ? 130 : code);
