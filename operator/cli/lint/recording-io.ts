import type { Io } from '../command.ts';

/** An Io that keeps what a command writes, for tests that run commands in-process. */
export interface RecordingIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

export function recordingIo(cwd: string, stdin = ''): RecordingIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    isTerminal: false,
    env: {},
    cwd,
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
    readStdin: () => Promise.resolve(stdin),
  };
}
