/**
 * Real V8 snapshots of a Test-heavy heap, at a few nominal sizes, written by a child Node process
 * and cached. Usage as a script: `node dist/bench/generate-v8.js 25mb [250mb 1.2gb]`.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './cache.js';

/**
 * Test counts measured on Node 20.20: each Test adds about 2 nodes, 7 edges and a string,
 * 170 bytes of file at 100 k Tests and 240 at a million (ids and indices gain digits), on top of
 * about 4 MB for Node's own heap. V8 needs ~70 s and ~10 GB RSS to write the 1.2 GB one.
 */
export const V8_SIZES: Readonly<Record<string, number>> = {
  '4mb': 1_000,
  '25mb': 90_000,
  '250mb': 1_050_000,
  '1.2gb': 5_000_000,
};

export interface Generated {
  readonly path: string;
  readonly bytes: number;
  /** undefined when the file came from the cache */
  readonly writeMs: number | undefined;
}

export async function generateV8(size: string, log: (line: string) => void = () => {}): Promise<Generated> {
  const count = V8_SIZES[size];
  if (count === undefined) throw new Error(`unknown V8 size ${size} (known: ${Object.keys(V8_SIZES).join(', ')})`);
  const path = join(cacheDir(), `v8-${size}-${count}.heapsnapshot`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, writeMs: undefined };
  log(`generating ${path} (${count} Test objects, written by V8)`);
  const partial = `${path}.partial`;
  const builder = fileURLToPath(new URL('./heap-builder.js', import.meta.url));
  // The heap roughly equals the file size; writing the snapshot needs about as much again.
  const heapMb = Math.max(512, Math.ceil((count * 240) / 1e6) * 3);
  const out = await run(process.execPath, [`--max-old-space-size=${heapMb}`, builder, partial, String(count)]);
  // Renamed only when complete, so an interrupted run never leaves a truncated file in the cache.
  renameSync(partial, path);
  const { writeMs } = JSON.parse(out.trim().split('\n').pop()!) as { writeMs: number };
  return { path, bytes: statSync(path).size, writeMs };
}

/** Runs a generator child; resolves with its stdout (the parent reads its last JSON line). */
export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const size of process.argv.slice(2)) {
    const g = await generateV8(size, console.error);
    console.log(`${g.path}\t${g.bytes} bytes${g.writeMs === undefined ? ' (cached)' : `\tV8 wrote it in ${(g.writeMs / 1000).toFixed(1)} s`}`);
  }
}
