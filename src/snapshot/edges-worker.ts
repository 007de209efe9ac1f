import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isSpace, NumberArrayReader } from './number-array.js';
import { CHUNK } from './source.js';

/** What the main thread asks: parse the "edges" array, which starts at or after `from`. */
export interface EdgesJob {
  readonly path: string;
  /** A byte offset the edges key cannot be before: the nodes array needs at least that much room. */
  readonly from: number;
  /** How many numbers the header promises (edge_count × edge fields). */
  readonly numbers: number;
}

/** Where the edges section is: `"edges"` at `keyAt`, its array from `arrayAt`, the next key at `nextKeyAt`. */
export interface EdgesBounds {
  readonly keyAt: number;
  readonly arrayAt: number;
  readonly nextKeyAt: number;
}

export type EdgesMessage =
  | ({ readonly kind: 'bounds' } & EdgesBounds)
  | { readonly kind: 'done'; readonly buffer: ArrayBuffer; readonly length: number }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * Runs in a worker thread while the main thread reads the header, nodes and strings: finds the
 * edges array by its neighbours (the nodes array holds no `"`, so the first quote past its
 * shortest possible end is the `"edges"` key; likewise past the edges), then parses it with
 * its own file descriptor, reading synchronously: nothing else runs on this thread, and it spares
 * a thread-pool hop a chunk. Anything unexpected is reported as `fail`, and the main thread reads the
 * file the ordinary way, which says precisely what is wrong.
 */
function parseEdges(job: EdgesJob, post: (m: EdgesMessage, transfer?: ArrayBuffer[]) => void): void {
  const fd = openSync(job.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const keyAt = findQuote(fd, buf, job.from);
    const head = Buffer.alloc(64);
    const bytesRead = keyAt < 0 ? 0 : readSync(fd, head, 0, head.length, keyAt);
    const m = /^"edges"\s*:\s*/.exec(head.toString('latin1', 0, bytesRead));
    if (keyAt < 0 || !m) return post({ kind: 'fail', reason: 'no "edges" key after the nodes array' });
    const arrayAt = keyAt + m[0].length;
    const nextKeyAt = findQuote(fd, buf, arrayAt + Math.max(0, 2 * job.numbers - 1));
    if (nextKeyAt < 0) return post({ kind: 'fail', reason: 'no section after the edges array' });
    post({ kind: 'bounds', keyAt, arrayAt, nextKeyAt });

    const reader = new NumberArrayReader('edges', job.numbers, job.numbers);
    let comma = false;
    for (let pos = arrayAt; pos < nextKeyAt; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, nextKeyAt - pos), pos);
      if (n === 0) return post({ kind: 'fail', reason: 'file shorter than expected' });
      let i = reader.done ? 0 : reader.feed(buf, 0, n, pos);
      // Between the closing bracket and the next key: white space and exactly one comma.
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === 0x2c && !comma) comma = true;
        else if (!isSpace(c)) return post({ kind: 'fail', reason: 'unexpected bytes after the edges array' });
      }
      pos += n;
    }
    if (!reader.done || !comma) return post({ kind: 'fail', reason: 'the edges array does not end before the next key' });
    const edges = reader.result();
    post({ kind: 'done', buffer: edges.buffer as ArrayBuffer, length: edges.length }, [edges.buffer as ArrayBuffer]);
  } finally {
    closeSync(fd);
  }
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
  try {
    parseEdges(workerData as EdgesJob, (m, transfer) => port.postMessage(m, transfer));
  } catch (e) {
    port.postMessage({ kind: 'fail', reason: e instanceof Error ? e.message : String(e) } satisfies EdgesMessage);
  }
}
