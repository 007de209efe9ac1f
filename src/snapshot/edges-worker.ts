import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { linkRetainers, type EdgeLayout } from './indexes.js';
import { NumberArrayReader } from './number-array.js';
import { CHUNK } from './source.js';

/** What the main thread asks: parse the "edges" array starting at `arrayAt` into `edges`, and link the retainer lists. */
export interface EdgesJob {
  readonly path: string;
  readonly arrayAt: number;
  readonly layout: EdgeLayout;
  readonly edges: SharedArrayBuffer;
  /** The retainer index (see SnapshotIndexes), filled here. */
  readonly lastRetainer: SharedArrayBuffer;
  readonly previousRetainer: SharedArrayBuffer;
  /**
   * From this index of `edges` on (and the matching edge ordinal of `previousRetainer`), the main
   * thread touches the pages in advance, having time to spare where this thread has none;
   * `tailReady[0]` turns 1 when it is done.
   */
  readonly tailFrom: number;
  readonly tailReady: SharedArrayBuffer;
  /** `[0]`: how many bytes of the array this thread has read, for the progress bar. */
  readonly progress: SharedArrayBuffer;
}

export type EdgesMessage =
  /**
   * The edges are parsed, checked and linked; the array's `]` is just before `endAt`; `maxName` is
   * the highest string index an edge is named by (checked once the strings are read).
   */
  | { readonly kind: 'linked'; readonly endAt: number; readonly maxName: number }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * Runs in a worker thread while the main thread reads the header, nodes and strings: parses the
 * edges array into shared memory with its own file descriptor, reading synchronously (nothing
 * else runs on this thread, and it spares a thread-pool hop a chunk), and links each chunk's
 * edges into the retainer lists while they are in cache. Anything unexpected is reported as
 * `fail`, and the main thread reads the file the ordinary way, which says precisely what is wrong.
 */
function parseEdges(job: EdgesJob, post: (m: EdgesMessage) => void): void {
  const { layout } = job;
  const edges = new Uint32Array(job.edges);
  const last = new Uint32Array(job.lastRetainer);
  const previous = new Uint32Array(job.previousRetainer);
  const progress = new Float64Array(job.progress);
  const fd = openSync(job.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const reader = new NumberArrayReader('edges', edges, edges.length);
    let linked = 0;
    let maxName = -1;
    let tailWaited = false;
    let pos = job.arrayAt;
    while (!reader.done) {
      // A chunk holds at most one number every two bytes, plus the end of one begun before it.
      if (!tailWaited && reader.count + CHUNK / 2 + 1 >= job.tailFrom) {
        Atomics.wait(new Int32Array(job.tailReady), 0, 0);
        tailWaited = true;
      }
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) return post({ kind: 'fail', reason: 'the file ends inside the edges array' });
      pos += reader.feed(buf, 0, n, pos);
      const whole = reader.count - (reader.count % layout.edgeFields);
      maxName = Math.max(maxName, linkRetainers(layout, edges, linked, whole, last, previous, job.path));
      linked = whole;
      progress[0] = pos - job.arrayAt;
    }
    if (reader.count !== edges.length) return post({ kind: 'fail', reason: 'the edges array holds fewer numbers than the header promises' });
    post({ kind: 'linked', endAt: pos, maxName });
  } finally {
    closeSync(fd);
  }
}

if (parentPort) {
  const port = parentPort;
  const post = (m: EdgesMessage) => port.postMessage(m);
  // Started before the edges array is found, so that booting overlaps the search; the job follows.
  port.once('message', (job: EdgesJob) => {
    try {
      parseEdges(job, post);
    } catch (e) {
      post({ kind: 'fail', reason: e instanceof Error ? e.message : String(e) });
    }
  });
}
