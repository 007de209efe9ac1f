import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { closestClassNames, classCounts, findById, sampleByType } from '../graph/select.js';
import type { HeapNode, RetainerGraph } from '../graph/types.js';
import { retainerGraph } from '../graph/walk.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { loadSnapshot } from '../snapshot/load.js';
import { CliError } from './errors.js';
import { newestSnapshot } from './find-snapshot.js';
import type { CliOptions, Format } from './options.js';
import { progressBar } from './progress.js';
import { openInXdot } from './view.js';
import { sameFile, writeAtomic, writeOutput } from './write.js';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: Readable;
  cwd: string;
}

const EXTENSIONS: Record<string, Format> = { '.dot': 'dot', '.gv': 'dot', '.svg': 'svg', '.png': 'png', '.json': 'json', '.txt': 'text' };
/** Below this, loading is quick enough that a progress bar would only flicker. */
const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;

/** load → select → walk → write, with the messages a user needs along the way. */
export async function run(o: CliOptions, io: CliIO): Promise<void> {
  const note = (line: string) => io.stderr.write(`${line}\n`);
  const clock = timer(o.timings ? note : undefined);
  if (o.type.length === 0 && o.id.length === 0) throw new CliError('say what to explain: --type CLASS (e.g. --type Test) or --id @ID; see backrefs --help');
  let snapshotPath = o.snapshot;
  if (snapshotPath === undefined) {
    snapshotPath = newestSnapshot(io.cwd);
    note(`Using ${snapshotPath}, the newest snapshot in this folder`);
  }
  const output = o.output === '-' ? undefined : o.output;
  const format: Format = o.format ?? (output ? (EXTENSIONS[extname(output).toLowerCase()] ?? 'dot') : 'dot');
  if (output && snapshotPath !== '-' && sameFile(resolve(io.cwd, snapshotPath), resolve(io.cwd, output))) {
    throw new CliError(`-o ${output} names the snapshot being read; choose another output file`);
  }
  if (o.view && format !== 'dot') throw new CliError('--view opens DOT in xdot: use -o FILE.dot or no -o');
  if (format === 'png' && !output) throw new CliError('PNG output needs a file: -o FILE.png');

  // Messages name the file as the user typed it.
  const name = snapshotPath === '-' ? '<stdin>' : snapshotPath;
  const snap = await load(snapshotPath, name, io);
  clock('load');
  const targets = select(snap, o, name, note);
  clock('select');
  const highlight = new Set(o.highlight);
  const graph = retainerGraph(snap, targets, { maxDepth: o.depth, tooMany: o.tooMany, raw: o.raw, includeWeak: o.includeWeak, ignore: o.ignore });
  clock('walk');
  const data = await encode(graph, format, (n: HeapNode) => highlight.has(n.className));
  clock(format);

  const count = graph.nodes.length;
  if (output) {
    await writeOutput(io, output, data);
    io.stdout.write(`Graph written to ${output} (${count} nodes)\n`);
    if (o.view) openInXdot(resolve(io.cwd, output));
  } else if (o.view) {
    const file = join(tmpdir(), `backrefs-${process.pid}.dot`);
    await writeAtomic(file, data);
    note(`Graph written to ${file} (${count} nodes)`);
    openInXdot(file);
  } else {
    await writeOutput(io, undefined, data);
  }
  clock('write');
}

async function load(path: string, name: string, io: CliIO): Promise<HeapSnapshot> {
  const stderr = io.stderr as NodeJS.WriteStream;
  const bar = stderr.isTTY ? progressBar(stderr, path === '-' ? 'stdin' : basename(path)) : undefined;
  try {
    return await loadSnapshot(path === '-' ? io.stdin : resolve(io.cwd, path), {
      name,
      // The benchmark's correctness check compares the graph with and without the second thread.
      parallel: !process.env['BACKREFS_NO_FAST_PATH'],
      onProgress: bar && ((done, total) => (total === undefined || total >= PROGRESS_MIN_BYTES) && bar.update(done, total)),
    });
  } finally {
    bar?.finish();
  }
}

function select(snap: HeapSnapshot, o: CliOptions, file: string, note: (line: string) => void): number[] {
  const nodeTypes = o.nodeType.includes('all') ? 'all' : o.nodeType;
  const unknownType = o.nodeType.find((t) => t !== 'all' && !snap.meta.nodeTypes.includes(t));
  if (unknownType) throw new CliError(`--node-type ${unknownType} is not a node type of this snapshot (${snap.meta.nodeTypes.join(', ')})`);
  // With one selector nothing repeats, so only the drawn targets are collected and the rest
  // counted (a heap may hold millions); with several, all are collected and de-duplicated.
  const single = o.type.length + o.id.length === 1;
  const limit = single ? o.maxTargets : Infinity;
  const targets: number[] = [];
  let total = 0;
  for (const name of o.type) {
    const { found, count } = sampleByType(snap, name, { nodeTypes, limit });
    if (count === 0) {
      const close = closestClassNames(snap, name, { nodeTypes });
      const hint = close.length > 0 ? `; closest: ${close.join(', ')}` : `; most common: ${mostCommon(snap, nodeTypes).join(', ')}`;
      throw new CliError(`no ${nodeTypes === 'all' ? 'node' : nodeTypes.join('/')} of class "${name}" in ${file}${hint}`);
    }
    total += count;
    for (const t of found) targets.push(t);
  }
  const byId = findById(snap, o.id);
  if (byId.missing.length > 0) throw new CliError(`no node with id ${byId.missing.join(', ')} in ${file}`);
  for (const t of byId.found) targets.push(t);
  const unique = single ? targets : [...new Set(targets)];
  if (!single) total = unique.length;
  else total += byId.found.length;
  const drawn = unique.slice(0, o.maxTargets);
  const what = o.type.length > 0 ? `${o.type.join('/')} object${total === 1 ? '' : 's'}` : `node${total === 1 ? '' : 's'}`;
  note(
    drawn.length < total
      ? `Found ${total} ${what}; drawing ${drawn.length} (${total - drawn.length} left out: raise --max-targets to draw more)`
      : `Found ${total} ${what}`,
  );
  return drawn;
}

function mostCommon(snap: HeapSnapshot, nodeTypes: readonly string[] | 'all'): string[] {
  return [...classCounts(snap, { nodeTypes })].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, n]) => `${name} (${n})`);
}

async function encode(graph: RetainerGraph, format: Format, highlight: (n: HeapNode) => boolean): Promise<string | Uint8Array> {
  if (format === 'json') return (await import('../output/json.js')).toJson(graph);
  if (format === 'text') return (await import('../output/text.js')).toText(graph);
  const dot = (await import('../output/dot.js')).toDot(graph, { highlight });
  if (format === 'dot') return dot;
  const render = await import('../output/render.js');
  try {
    return format === 'svg' ? await render.renderSvg(dot) : await render.renderPng(dot);
  } catch (e) {
    throw new CliError(`cannot render ${format.toUpperCase()}: ${(e as Error).message}`);
  }
}

function timer(print: ((line: string) => void) | undefined): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    print?.(`timing ${phase}: ${(now - last).toFixed(1)} ms`);
    last = now;
  };
}
