import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { snapshotSink } from '../snapshot/sink.js';
import { LocalSession } from './session.js';

/**
 * A heap snapshot of this process, read as V8 writes it: each `addHeapSnapshotChunk` goes into
 * the reader as it arrives, so the snapshot never exists as one string nor as a file. V8
 * escapes every non-ASCII character in the JSON, so a chunk boundary never splits a character.
 * Synchronous: V8 stops the program while it walks the heap anyway.
 */
export function takeSnapshot(session?: LocalSession): HeapSnapshot {
  const own = session ?? new LocalSession();
  const sink = snapshotSink('<this process>');
  const onChunk = (m: { params: unknown }): void => sink.write((m.params as { chunk: string }).chunk);
  own.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    own.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    own.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    if (!session) own.close();
  }
  return sink.end();
}
