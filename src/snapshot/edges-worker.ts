import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { countRetainers, fillRetainers, type EdgeLayout } from './indexes.js';
import { isSpace, NumberArrayReader } from './number-array.js';
import { CHUNK } from './source.js';

/** What the main thread asks: parse the "edges" array, which starts at or after `from`, and count retainers. */
export interface EdgesJob {
  readonly path: string;
  /** A byte offset the edges key cannot be before: the nodes array needs at least that much room. */
  readonly from: number;
  readonly edgeCount: number;
  readonly layout: EdgeLayout;
}

export type EdgesMessage =
  /** Where the edges section is (`"edges"` at `keyAt`, the next key at `nextKeyAt`) and the shared arrays it fills. */
  | { readonly kind: 'bounds'; readonly keyAt: number; readonly nextKeyAt: number; readonly edges: SharedArrayBuffer; readonly counts: SharedArrayBuffer }
  /** The edges are parsed and checked, `counts` holds each node's retainer count; `maxName` is the highest string index an edge is named by. */
  | { readonly kind: 'counted'; readonly maxName: number }
  | { readonly kind: 'filled' }
  | { readonly kind: 'fail'; readonly reason: string };

/** The main thread's answer to `counted`: `counts` now holds starts; file the retainers of nodes in `[fromNode, toNode)`. */
export interface FillRequest {
  readonly retainingEdges: SharedArrayBuffer;
  readonly fromNode: number;
  readonly toNode: number;
}

/**
 * Runs in a worker thread while the main thread reads the header, nodes and strings: finds the
 * edges array by its neighbours (the nodes array holds no `"`, so the first quote past its
 * shortest possible end is the `"edges"` key; likewise past the edges), parses it into shared
 * memory with its own file descriptor, reading synchronously (nothing else runs on this thread,
 * and it spares a thread-pool hop a chunk), and counts each chunk's edges per target while they
 * are in cache. Anything unexpected is reported as `fail`, and the main thread reads the file the
 * ordinary way, which says precisely what is wrong.
 */
function parseEdges(job: EdgesJob, post: (m: EdgesMessage) => void): { edges: Uint32Array; counts: Uint32Array } | undefined {
  const { layout } = job;
  const numbers = layout.edgeFields * job.edgeCount;
  const fd = openSync(job.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const keyAt = findQuote(fd, buf, job.from);
    const head = Buffer.alloc(64);
    const bytesRead = keyAt < 0 ? 0 : readSync(fd, head, 0, head.length, keyAt);
    const m = /^"edges"\s*:\s*/.exec(head.toString('latin1', 0, bytesRead));
    if (keyAt < 0 || !m) return fail(post, 'no "edges" key after the nodes array');
    const arrayAt = keyAt + m[0].length;
    const nextKeyAt = findQuote(fd, buf, arrayAt + Math.max(0, 2 * numbers - 1));
    if (nextKeyAt < 0) return fail(post, 'no section after the edges array');
    const edges = new Uint32Array(new SharedArrayBuffer(numbers * 4));
    const counts = new Uint32Array(new SharedArrayBuffer((layout.nodeCount + 1) * 4));
    post({ kind: 'bounds', keyAt, nextKeyAt, edges: edges.buffer as SharedArrayBuffer, counts: counts.buffer as SharedArrayBuffer });

    const reader = new NumberArrayReader('edges', edges, numbers);
    let comma = false;
    let counted = 0;
    let maxName = -1;
    for (let pos = arrayAt; pos < nextKeyAt; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, nextKeyAt - pos), pos);
      if (n === 0) return fail(post, 'file shorter than expected');
      let i = reader.done ? 0 : reader.feed(buf, 0, n, pos);
      // Between the closing bracket and the next key: white space and exactly one comma.
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === 0x2c && !comma) comma = true;
        else if (!isSpace(c)) return fail(post, 'unexpected bytes after the edges array');
      }
      pos += n;
      const whole = reader.count - (reader.count % layout.edgeFields);
      maxName = Math.max(maxName, countRetainers(layout, edges, counted, whole, counts, job.path));
      counted = whole;
    }
    if (!reader.done || !comma || reader.count !== numbers) return fail(post, 'the edges array does not end before the next key');
    post({ kind: 'counted', maxName });
    return { edges, counts };
  } finally {
    closeSync(fd);
  }
}

function fail(post: (m: EdgesMessage) => void, reason: string): undefined {
  post({ kind: 'fail', reason });
  return undefined;
}

/** The offset of the first `"` at or after `from`, or -1. */
function findQuote(fd: number, buf: Buffer, from: number): number {
  for (let pos = from; ; ) {
    const bytesRead = readSync(fd, buf, 0, buf.length, pos);
    if (bytesRead === 0) return -1;
    const at = buf.subarray(0, bytesRead).indexOf(0x22);
    if (at >= 0) return pos + at;
    pos += bytesRead;
  }
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
