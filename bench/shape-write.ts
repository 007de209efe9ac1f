import { writeHeapSnapshot } from 'node:v8';

/**
 * The end of every shape builder (bench/shape-*.ts): reads `OUT COUNT` from the command line for
 * `build`, then writes the snapshot of the heap it built and prints the JSON line the parent reads.
 * `build` returns what it made, so the heap stays reachable until V8 has written it.
 */
export function buildAndWrite(name: string, build: (count: number) => Record<string, unknown>): void {
  const [out, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!out || !Number.isInteger(count) || count < 0) {
    console.error(`usage: ${name} OUT COUNT`);
    process.exit(2);
  }
  const made = build(count);
  const started = Date.now();
  writeHeapSnapshot(out);
  const summary: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(made)) summary[k] = Array.isArray(v) ? v.length : v instanceof Map || v instanceof Set ? v.size : typeof v === 'object' ? 'kept' : v;
  console.log(JSON.stringify({ written: out, writeMs: Date.now() - started, count, ...summary }));
}
