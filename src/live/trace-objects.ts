import { writeFileSync } from 'node:fs';
import { growth } from '../analysis/diff.js';
import { IdSet } from '../analysis/id-set.js';
import { JS_TYPES, typeStats, type ClassStat } from '../analysis/type-stats.js';
import { newSince } from '../analysis/diff.js';
import { findByType } from '../graph/select.js';
import { whyGraph } from '../graph/why.js';
import { toDot } from '../output/dot.js';
import { growthTable } from '../output/tables.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { takeSnapshot } from './take-snapshot.js';
import { afterCall, timestamp } from './timing.js';

export interface TraceObjectsOptions {
  /** Rows of growth to print (objgraph's `limit`; the seed's ObjectTrace uses 8). Default 8. */
  limit?: number;
  /** Write the report to this file instead of the console (the seed's `growth_file`). */
  file?: string;
  /** Afterwards, draw the back-references of this class (the seed's `object_backref`). */
  backrefs?: string;
  /** Where that graph goes. Default `object_backref.dot`. */
  backrefsFile?: string;
  /** Retainer levels of that graph (objgraph's `max_depth`). Default 10. */
  maxDepth?: number;
  /**
   * Node types counted (default JS_TYPES: what JavaScript allocates; 'all' adds V8's own code,
   * maps and internal arrays, which grow with V8's work as much as with the program's).
   */
  nodeTypes?: readonly string[] | 'all';
  /** Where console output goes (default: process.stdout). */
  write?: (text: string) => void;
}

/**
 * What a trace keeps of the snapshot before the call, as one string (class stats as JSON, then
 * the packed id set): the after-snapshot sees the tracer's state as one object, not a dozen
 * typed arrays that would show up in the growth it measures.
 */
type Before = string;

/** Set once the reader's code has run in this process (see traceObjects). */
let warmedUp = false;

/**
 * The seed's ObjectTrace: heap snapshots of this process before and after `fn`, and the classes
 * whose count grew (objgraph's show_growth), with start and end times, to the console or a file.
 * Synchronous for a synchronous `fn`; for one that returns a promise, the after-snapshot waits for
 * it and the result is a promise. With `backrefs`, the back-reference graph of the first new
 * instance of that class (or the first instance, if none is new) is written as DOT.
 */
export function traceObjects<T>(fn: () => T, options: TraceObjectsOptions = {}): T {
  const write = options.write ?? ((s: string) => void process.stdout.write(s));
  const start = timestamp();
  const kept = stateBefore(options);
  return afterCall(fn, () => {
    const after = takeSnapshot();
    const rows = growth(statsOf(kept), typeStats(after, { nodeTypes: options.nodeTypes ?? JS_TYPES }), { limit: options.limit ?? 8 });
    const report = `start: ${start}\n${growthTable(rows)}end: ${timestamp()}\n`;
    if (options.file) writeFileSync(options.file, report);
    else write(`========object trace========\n${report}`);
    if (options.backrefs !== undefined) write(drawBackrefs(after, idsOf(kept), options));
  });
}

/**
 * In a function of its own, so that the snapshots it reads are in no frame still on the stack
 * when the after-snapshot is taken: an interpreted frame keeps every value it held in its
 * registers, and V8 counts them all as roots (kept here, the before-snapshot's typed arrays
 * showed in the growth as `system / JSArrayBufferData +15 MB`).
 */
function stateBefore(options: TraceObjectsOptions): Before {
  // The first snapshot read in a process compiles the reader: that code would be new in the
  // after-snapshot and fill the growth with (compiled code). A first, discarded read takes it out.
  if (!warmedUp) keep(takeSnapshot(), options);
  warmedUp = true;
  return keep(takeSnapshot(), options);
}

function keep(snap: HeapSnapshot, options: TraceObjectsOptions): Before {
  const stats = typeStats(snap, { nodeTypes: options.nodeTypes ?? JS_TYPES }).map((s) => [s.name, s.count, s.selfSize]);
  return `${JSON.stringify(stats)}\u0000${IdSet.fromStrided(snap.nodes, snap.meta.nodeOffsets.id, snap.nodeFieldCount).toPacked()}`;
}

function statsOf(b: Before): ClassStat[] {
  const rows = JSON.parse(b.slice(0, b.indexOf('\u0000'))) as [string, number, number][];
  return rows.map(([name, count, selfSize]) => ({ name, count, selfSize }));
}

function idsOf(b: Before): IdSet {
  return IdSet.fromPacked(b.slice(b.indexOf('\u0000') + 1));
}

function drawBackrefs(after: HeapSnapshot, before: IdSet, options: TraceObjectsOptions): string {
  const name = options.backrefs!;
  const file = options.backrefsFile ?? 'object_backref.dot';
  const all = findByType(after, name);
  const fresh = newSince(before, after, all);
  const target = fresh[0] ?? all[0];
  const head = '========object backref========\n';
  if (target === undefined) return `${head}No object of class ${JSON.stringify(name)} in the heap: no graph written\n`;
  const graph = whyGraph(after, [target], { maxDepth: options.maxDepth ?? 10 });
  writeFileSync(file, toDot(graph));
  return `${head}Graph written to ${file} (${graph.nodes.length} nodes)\n`;
}
