// What a V8 heap snapshot holds, by constructor: count and shallow bytes, largest first. For finding
// what grows with the number of stores (take a snapshot of the operator with
// `--heapsnapshot-signal=SIGUSR2` in its NODE_OPTIONS and `kill -USR2 <pid>`).
//
//   node test/bench/heap-summary.ts <file.heapsnapshot> [--top=40]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '40' } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) throw new Error('usage: node test/bench/heap-summary.ts <file.heapsnapshot> [--top=40]');

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = snapshot.snapshot.meta.node_fields;
const typeNames = snapshot.snapshot.meta.node_types[0];
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');

const byConstructor = new Map<string, { count: number; bytes: number }>();
let total = 0;
for (let index = 0; index < snapshot.nodes.length; index += width) {
  const type = typeNames[snapshot.nodes[index + typeAt] ?? 0] ?? '?';
  const size = snapshot.nodes[index + sizeAt] ?? 0;
  // Objects are told apart by constructor; strings, code and arrays by their type alone.
  const name =
    type === 'object' || type === 'closure'
      ? `${type} ${snapshot.strings[snapshot.nodes[index + nameAt] ?? 0] ?? '?'}`
      : type;
  const entry = byConstructor.get(name) ?? { count: 0, bytes: 0 };
  entry.count += 1;
  entry.bytes += size;
  byConstructor.set(name, entry);
  total += size;
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2).padStart(8);
console.log(`${mib(total)} MiB in ${String(snapshot.nodes.length / width)} objects`);
for (const [name, { count, bytes }] of [...byConstructor]
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, Number(values.top)))
  console.log(`${mib(bytes)} MiB ${String(count).padStart(9)}  ${name}`);
