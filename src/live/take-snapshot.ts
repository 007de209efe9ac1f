import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { snapshotSink } from '../snapshot/sink.js';
import { CHUNK } from '../snapshot/source.js';

/**
 * A heap snapshot of this process, synchronously, so that a tracer can stand around a synchronous
 * function. Through a file, the one way every Node gives: from Node 22 on, a same-thread
 * inspector session's `HeapProfiler.takeHeapSnapshot` completes only on a later turn of the event
 * loop (V8 takes it with no JavaScript on the stack). The file is in a folder only this user can
 * open (a snapshot holds every string of the process), read back in chunks like any snapshot, and
 * removed before this returns, whatever happens.
 */
export function takeSnapshot(): HeapSnapshot {
  const dir = mkdtempSync(join(tmpdir(), 'backrefs-'));
  try {
    const file = writeHeapSnapshot(join(dir, 'this-process.heapsnapshot'));
    const sink = snapshotSink('<this process>');
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) sink.write(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return sink.end();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
