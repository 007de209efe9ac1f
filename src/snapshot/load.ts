import { HeapSnapshot } from './heap-snapshot.js';
import { SnapshotScanner } from './scanner.js';
import { openSource, type SnapshotInput } from './source.js';
import { StringTable } from './strings.js';
import { validate } from './validate.js';

export interface LoadOptions {
  /** Called after each chunk with the bytes read so far (on disk) and the total when known. */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  /** The name used in messages for streams and buffers. */
  name?: string;
}

/**
 * Reads a `.heapsnapshot` (or `.heapsnapshot.gz`) from a path, bytes or a stream, in chunks.
 * Throws a SnapshotError (one line: file and what is wrong) for anything that is not a
 * consistent heap snapshot.
 */
export async function loadSnapshot(input: SnapshotInput, options: LoadOptions = {}): Promise<HeapSnapshot> {
  const source = await openSource(input, options.name);
  const scanner = new SnapshotScanner(source.name, source.size);
  const progress = options.onProgress;
  for await (const chunk of source.chunks(progress && ((n) => progress(n, source.diskSize)))) scanner.write(chunk);
  const raw = scanner.end();
  const strings = new StringTable(raw.stringBytes, raw.stringBounds);
  const firstEdgeIndex = validate(raw, strings.count, source.name);
  return new HeapSnapshot(raw.meta, raw.nodes, raw.edges, strings, firstEdgeIndex, raw.locations, source.name);
}
