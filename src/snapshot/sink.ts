import { HeapSnapshot } from './heap-snapshot.js';
import { buildIndexes } from './indexes.js';
import { SnapshotScanner } from './scanner.js';
import { StringTable } from './strings.js';

/**
 * The reader fed by pushes instead of pulls, for producers that hand out chunks synchronously
 * (on Node 20 a same-thread node:inspector session delivers every `addHeapSnapshotChunk` before
 * `post` returns, so an async iterable would have to hold them all). Each chunk is parsed as it
 * comes.
 */
export interface SnapshotSink {
  write(chunk: string | Uint8Array): void;
  /** Checks the snapshot is complete and consistent; throws a SnapshotError otherwise. */
  end(): HeapSnapshot;
}

export function snapshotSink(name = '<stream>'): SnapshotSink {
  const scanner = new SnapshotScanner(name, undefined);
  return {
    write(chunk) {
      scanner.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    },
    end() {
      const raw = scanner.end();
      const indexes = buildIndexes(raw, raw.stringBounds.length / 2, name);
      const strings = new StringTable(raw.stringBytes, raw.stringBounds, raw.stringsEscaped);
      return new HeapSnapshot(raw.meta, raw.nodes, raw.edges, strings, indexes, raw.locations, name);
    },
  };
}
