import { existsSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache.js';
import { generateShape, shapeOf } from './generate-shapes.js';
import { generateV8, V8_SIZES } from './generate-v8.js';
import { parseSize } from './sizes.js';
import { testsForBytes, writeSynthetic } from './synth.js';

export interface Input {
  /** as asked for on the command line: 250mb, synth:1.2gb */
  readonly label: string;
  readonly path: string;
  readonly bytes: number;
  readonly nodes: number;
  readonly edges: number;
  readonly producer: 'V8' | 'synthetic';
  /** The class the CLI asks for (`--type`): `Test` in the bench's own heap, the shape's own otherwise. */
  readonly target: string;
  /** what it took to make it in this run, or undefined when it came from the cache */
  readonly madeIn: string | undefined;
}

/**
 * `25mb`, `250mb`, `1.2gb` (and `4mb`) are written by V8; so is `SHAPE:SIZE` (`fanin:250mb`, see
 * generate-shapes.ts), a heap of another shape; any other size, or `synth:SIZE`, by the synthetic
 * writer, which is checked by reading its output back the first time.
 */
export async function prepareInput(label: string, log: (line: string) => void): Promise<Input> {
  if (shapeOf(label)) {
    const g = await generateShape(label, log);
    return withCounts(label, g.path, 'V8', g.writeMs === undefined ? undefined : `V8 wrote it in ${(g.writeMs / 1000).toFixed(1)} s`, g.target);
  }
  const synthSize = label.startsWith('synth:') ? label.slice(6) : V8_SIZES[label] === undefined ? label : undefined;
  if (synthSize === undefined) {
    const g = await generateV8(label, log);
    return withCounts(label, g.path, 'V8', g.writeMs === undefined ? undefined : `V8 wrote it in ${(g.writeMs / 1000).toFixed(1)} s`);
  }
  const tests = testsForBytes(parseSize(synthSize));
  const path = join(cacheDir(), `synth-${tests}.heapsnapshot`);
  const checked = `${path}.checked`;
  let madeIn: string | undefined;
  if (!existsSync(checked)) {
    log(`writing ${path} (${tests} Test objects, synthetic)`);
    const r = await writeSynthetic(path, tests);
    madeIn = `written in ${(r.ms / 1000).toFixed(1)} s`;
    log(`checking ${path} by reading it back`);
    // Imported here: it pulls in backrefs' reader, which the timed children load for themselves.
    const { checkSynthetic } = await import('./synth-check.js');
    writeFileSync(checked, `${await checkSynthetic(r)}\n`);
  }
  return withCounts(label, path, 'synthetic', madeIn);
}

/** Counts from the file's own header, so the table does not depend on which tools ran. */
function withCounts(label: string, path: string, producer: Input['producer'], madeIn: string | undefined, target = 'Test'): Input {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.toString('latin1', 0, n);
  const nodes = Number(/"node_count":(\d+)/.exec(text)?.[1]);
  const edges = Number(/"edge_count":(\d+)/.exec(text)?.[1]);
  return { label, path, bytes: statSync(path).size, nodes, edges, producer, target, madeIn };
}
