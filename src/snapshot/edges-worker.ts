import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { countRetainers, fillRetainers, type EdgeLayout } from './indexes.js';
import { NumberArrayReader } from './number-array.js';
import { CHUNK } from './source.js';

/** What the main thread asks: parse the "edges" array starting at `arrayAt` (its `[`) and count retainers. */
export interface EdgesJob {
  readonly path: string;
  readonly arrayAt: number;
  readonly edgeCount: number;
  readonly layout: EdgeLayout;
}

export type EdgesMessage =
  /** The shared arrays the worker fills: the edges, and each node's retainer count. */
  | { readonly kind: 'arrays'; readonly edges: SharedArrayBuffer; readonly counts: SharedArrayBuffer }
  /** The edges are parsed and checked, the array's `]` ends just before `endAt`; `maxName` is the highest string index an edge is named by. */
  | { readonly kind: 'counted'; readonly endAt: number; readonly maxName: number }
  | { readonly kind: 'filled' }
  | { readonly kind: 'fail'; readonly reason: string };

/** The main thread's answer to `counted`: `counts` now holds starts; file the retainers of nodes in `[fromNode, toNode)`. */
export interface FillRequest {
  readonly retainingEdges: SharedArrayBuffer;
  readonly fromNode: number;
  readonly toNode: number;
}

/**
 * Runs in a worker thread while the main thread reads the header, nodes and strings: parses the
 * edges array into shared memory with its own file descriptor, reading synchronously (nothing
 * else runs on this thread, and it spares a thread-pool hop a chunk), and counts each chunk's
 * edges per target while they are in cache. Anything unexpected is reported as `fail`, and the
 * main thread reads the file the ordinary way, which says precisely what is wrong.
 */
function parseEdges(job: EdgesJob, post: (m: EdgesMessage) => void): { edges: Uint32Array; counts: Uint32Array } | undefined {
  const { layout } = job;
  const numbers = layout.edgeFields * job.edgeCount;
  const edges = new Uint32Array(new SharedArrayBuffer(numbers * 4));
  const counts = new Uint32Array(new SharedArrayBuffer((layout.nodeCount + 1) * 4));
  post({ kind: 'arrays', edges: edges.buffer as SharedArrayBuffer, counts: counts.buffer as SharedArrayBuffer });
  const fd = openSync(job.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const reader = new NumberArrayReader('edges', edges, numbers);
    let counted = 0;
    let maxName = -1;
    let pos = job.arrayAt;
    while (!reader.done) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) return fail(post, 'the file ends inside the edges array');
      pos += reader.feed(buf, 0, n, pos);
      const whole = reader.count - (reader.count % layout.edgeFields);
      maxName = Math.max(maxName, countRetainers(layout, edges, counted, whole, counts, job.path));
      counted = whole;
    }
    if (reader.count !== numbers) return fail(post, 'the edges array holds fewer numbers than the header promises');
    post({ kind: 'counted', endAt: pos, maxName });
    return { edges, counts };
  } finally {
    closeSync(fd);
  }
}

function fail(post: (m: EdgesMessage) => void, reason: string): undefined {
  post({ kind: 'fail', reason });
  return undefined;
}

if (parentPort) {
  const port = parentPort;
  const job = workerData as EdgesJob;
  const post = (m: EdgesMessage) => port.postMessage(m);
  try {
    const parsed = parseEdges(job, post);
    if (parsed) {
      port.once('message', (fill: FillRequest) => {
        fillRetainers(job.layout, parsed.edges, parsed.counts, new Uint32Array(fill.retainingEdges), fill.fromNode, fill.toNode);
        post({ kind: 'filled' });
      });
    }
  } catch (e) {
    post({ kind: 'fail', reason: e instanceof Error ? e.message : String(e) });
  }
}
