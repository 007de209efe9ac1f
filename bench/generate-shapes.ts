/**
 * Real V8 snapshots of heaps of other shapes than the bench's `Test` heap, each written by a
 * child Node process (bench/shape-*.ts) and cached like generate-v8's. Usage as a script:
 * `node dist/bench/generate-shapes.js fanin:250mb [scopes:25mb ...]`.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './cache.js';
import { run, type Generated } from './generate-v8.js';

export interface Shape {
  /** The child that builds the heap and writes it. */
  readonly builder: string;
  /** The class the CLI row asks for (`--type`). */
  readonly target: string;
  /** What the builder's COUNT is, at each nominal size (measured on Node 20.20). */
  readonly counts: Readonly<Record<string, number>>;
  readonly what: string;
}

export const SHAPES: Readonly<Record<string, Shape>> = {
  fanin: {
    builder: 'shape-fanin.js',
    target: 'Hub',
    counts: { '25mb': 130_000, '250mb': 1_540_000 },
    what: 'three Hub objects held by 10^5-10^6 edges each (properties of COUNT leaves, a Map of COUNT/4 entries, an array of COUNT/4), the leaves also in a Set',
  },
  scopes: {
    builder: 'shape-scopes.js',
    target: 'Session',
    counts: { '25mb': 76_000, '250mb': 915_000 },
    what: 'COUNT closures made in loops inside nested functions, 5,000 inner scopes under each module scope (which holds a Session), in listener lists',
  },
  strings: {
    builder: 'shape-strings.js',
    target: 'Record',
    counts: { '25mb': 21_600, '250mb': 231_000 },
    what: 'COUNT Record objects with unique strings, double fields (heap numbers), arrays of doubles and mixed arrays, in an array and a Map keyed by name',
  },
  mixed: {
    builder: 'shape-mixed.js',
    target: 'Order',
    counts: { '25mb': 8_000, '250mb': 96_500 },
    what: 'COUNT users with 3 orders each (linked to the user, products and the previous order), friends, settings, sessions, listener closures, Maps by id and by token',
  },
};

/** `fanin:250mb` and the like: a shape name, a colon, one of its sizes. */
export function shapeOf(label: string): { name: string; shape: Shape; size: string } | undefined {
  const colon = label.indexOf(':');
  const shape = colon > 0 ? SHAPES[label.slice(0, colon)] : undefined;
  return shape && { name: label.slice(0, colon), shape, size: label.slice(colon + 1) };
}

export async function generateShape(label: string, log: (line: string) => void = () => {}): Promise<Generated & { target: string }> {
  const found = shapeOf(label);
  if (!found) throw new Error(`unknown heap shape ${label} (known: ${Object.keys(SHAPES).join(', ')}, as SHAPE:SIZE)`);
  const { name, shape, size } = found;
  const count = shape.counts[size];
  if (count === undefined) throw new Error(`no size ${size} for the ${name} shape (known: ${Object.keys(shape.counts).join(', ')})`);
  const path = join(cacheDir(), `shape-${name}-${size}-${count}.heapsnapshot`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, writeMs: undefined, target: shape.target };
  log(`generating ${path} (${name}: ${shape.what.replaceAll('COUNT', String(count))}; written by V8)`);
  const partial = `${path}.partial`;
  const builder = fileURLToPath(new URL(`./${shape.builder}`, import.meta.url));
  const heapMb = Math.max(1024, Math.ceil(Number(size.replace(/mb$/, '')) * 4));
  const out = await run(process.execPath, [`--max-old-space-size=${heapMb}`, builder, partial, String(count)]);
  renameSync(partial, path);
  const { writeMs } = JSON.parse(out.trim().split('\n').pop()!) as { writeMs: number };
  return { path, bytes: statSync(path).size, writeMs, target: shape.target };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const label of process.argv.slice(2)) {
    const g = await generateShape(label, console.error);
    console.log(`${g.path}\t${g.bytes} bytes\t--type ${g.target}${g.writeMs === undefined ? ' (cached)' : `\tV8 wrote it in ${(g.writeMs / 1000).toFixed(1)} s`}`);
  }
}
