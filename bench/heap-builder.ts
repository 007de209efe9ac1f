/**
 * Child process of generate-v8: builds a heap dominated by `Test` instances and writes a V8
 * snapshot of it. Run as `node heap-builder.js OUT COUNT`; it is a separate process so the
 * snapshot holds this heap and nothing of the benchmark's own.
 */
import { writeHeapSnapshot } from 'node:v8';

class Test {
  next: Test | null = null;
  constructor(
    readonly index: number,
    readonly label: string,
  ) {}
}

const [out, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!out || !Number.isInteger(count) || count < 0) {
  console.error('usage: heap-builder OUT COUNT');
  process.exit(2);
}

// Several kinds of retainers, so the retainer walk meets arrays, a Map, closures and chains
// as it would in a real leak, not one flat array.
const seq: Test[][] = [];
const byLabel = new Map<string, Test>();
const handlers: Array<() => number> = [];
let chunk: Test[] = [];
let prev: Test | null = null;
for (let i = 0; i < count; i++) {
  const t = new Test(i, `test-${i}`);
  if (i % 3 === 0 && prev) prev.next = t;
  prev = t;
  chunk.push(t);
  if (chunk.length === 100_000) {
    seq.push(chunk);
    chunk = [];
  }
  if (i % 4 === 0) byLabel.set(t.label, t);
  if (i % 10 === 0) handlers.push(() => t.index);
}
seq.push(chunk);

const started = Date.now();
writeHeapSnapshot(out);
// The parent reads this line to report how long V8 took to write the file.
console.log(JSON.stringify({ written: out, writeMs: Date.now() - started, tests: count, arrays: seq.length, mapped: byLabel.size, closures: handlers.length }));
