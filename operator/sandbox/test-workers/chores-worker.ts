// A worker for worker-pool.test.ts: each job names a chore, some of which never end.
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { serveJobs } from '../index.ts';

export type Chore =
  | { kind: 'echo'; value: string }
  | { kind: 'sleep'; ms: number }
  | { kind: 'spin' }
  | { kind: 'hoard' }
  | { kind: 'throw'; message: string }
  | { kind: 'exit' }
  | { kind: 'bytes'; size: number };

export type ChoreResult = { threadId: number; value?: string; bytes?: Uint8Array };

const hoard: unknown[] = [];

function spin(): never {
  for (;;);
}

function hoardForEver(): never {
  for (;;) hoard.push(Array.from({ length: 1024 }, (_, i) => ({ i })));
}

serveJobs<Chore, ChoreResult>({
  async run(chore) {
    switch (chore.kind) {
      case 'echo':
        return { threadId, value: chore.value };
      case 'sleep':
        await sleep(chore.ms);
        return { threadId };
      case 'spin':
        return spin();
      case 'hoard':
        return hoardForEver();
      case 'throw':
        throw new RangeError(chore.message);
      case 'exit':
        return process.exit(3);
      case 'bytes':
        return { threadId, bytes: new Uint8Array(chore.size).fill(7) };
    }
  },
  transferList: (result) => (result.bytes ? [result.bytes.buffer as ArrayBuffer] : []),
});
