import { writeFileSync } from 'node:fs';
import { growth } from '../analysis/diff.js';
import { IdSet } from '../analysis/id-set.js';
import { typeStats, type ClassStat } from '../analysis/type-stats.js';
import { newSince } from '../analysis/diff.js';
import { findByType } from '../graph/select.js';
import { retainerGraph } from '../graph/walk.js';
import { toDot } from '../output/dot.js';
import { growthTable } from '../output/tables.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { LocalSession } from './session.js';
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
  /** Where console output goes (default: process.stdout). */
  write?: (text: string) => void;
}

/**
 * What a trace keeps of the snapshot before the call: a handful of objects (one string, typed
 * arrays), not one per class, so that the tracer itself hardly shows in the growth it measures.
 */
interface Before {
  names: string;
  counts: Float64Array;
  sizes: Float64Array;
  ids: IdSet;
}

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
  const session = new LocalSession();
  let before: Before | undefined;
  try {
    before = keep(takeSnapshot(session));
  } catch (e) {
    session.close();
    throw e;
  }
  const kept = before;
  return afterCall(fn, () => {
    try {
      const after = takeSnapshot(session);
      const rows = growth(unpack(kept), typeStats(after), { limit: options.limit ?? 8 });
      const report = `start: ${start}\n${growthTable(rows)}end: ${timestamp()}\n`;
      if (options.file) writeFileSync(options.file, report);
      else write(`========object trace========\n${report}`);
      if (options.backrefs !== undefined) write(drawBackrefs(after, kept.ids, options));
    } finally {
      session.close();
    }
  });
}

function keep(snap: HeapSnapshot): Before {
  const stats = typeStats(snap);
  const counts = new Float64Array(stats.length);
  const sizes = new Float64Array(stats.length);
  stats.forEach((s, i) => {
    counts[i] = s.count;
    sizes[i] = s.selfSize;
  });
  const ids = IdSet.fromStrided(snap.nodes, snap.meta.nodeOffsets.id, snap.nodeFieldCount);
  return { names: stats.map((s) => s.name).join('\u0000'), counts, sizes, ids };
}

function unpack(b: Before): ClassStat[] {
  return b.names === '' ? [] : b.names.split('\u0000').map((name, i) => ({ name, count: b.counts[i]!, selfSize: b.sizes[i]! }));
}

function drawBackrefs(after: HeapSnapshot, before: IdSet, options: TraceObjectsOptions): string {
  const name = options.backrefs!;
  const file = options.backrefsFile ?? 'object_backref.dot';
  const all = findByType(after, name);
  const fresh = newSince(before, after, all);
  const target = fresh[0] ?? all[0];
  const head = '========object backref========\n';
  if (target === undefined) return `${head}No object of class ${JSON.stringify(name)} in the heap: no graph written\n`;
  const graph = retainerGraph(after, [target], { maxDepth: options.maxDepth ?? 10 });
  writeFileSync(file, toDot(graph));
  return `${head}Graph written to ${file} (${graph.nodes.length + graph.more.length} nodes)\n`;
}
