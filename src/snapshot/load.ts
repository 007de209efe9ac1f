import { HeapSnapshot } from './heap-snapshot.js';
import { buildIndexes, type Indexed } from './indexes.js';
import { MemoryBudget } from './memory-budget.js';
import { memoryLimit, type MemoryLimit } from './memory-limit.js';
import { SnapshotScanner } from './scanner.js';
import { openSource, type ByteSource, type SnapshotInput } from './source.js';
import { StringTable } from './strings.js';

export interface LoadOptions {
  /** Called after each chunk with the bytes read so far (on disk) and the total when known. */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  /** The name used in messages (default: the path as given, `<buffer>` or `<stream>`). */
  name?: string;
  /**
   * Parse the edges of a large plain file on a second thread (default true). The result is the
   * same either way; false is for checking exactly that.
   */
  parallel?: boolean;
  /**
   * Bytes the load may take (default: the machine's available memory or the cgroup's room, the
   * smaller; the BACKREFS_MEMORY_LIMIT environment variable overrides it). A snapshot that needs
   * more is refused with ELIMIT before memory runs out; Infinity turns the check off.
   */
  memoryLimit?: number;
}

/** Below this a worker thread costs more to start than it saves. */
const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads a `.heapsnapshot` (or `.heapsnapshot.gz`) from a path, bytes or a stream, in chunks.
 * Throws a SnapshotError (one line: file and what is wrong) for anything that is not a
 * consistent heap snapshot.
 */
export async function loadSnapshot(input: SnapshotInput, options: LoadOptions = {}): Promise<HeapSnapshot> {
  const source = await openSource(input, options.name);
  const progress = options.onProgress && ((n: number) => options.onProgress!(n, source.diskSize));
  const limit: MemoryLimit = options.memoryLimit === undefined ? memoryLimit() : { bytes: options.memoryLimit, source: 'the memoryLimit option' };
  const budget = () => new MemoryBudget(source.name, limit, source.size);
  const parallel = options.parallel !== false && source.path !== undefined && source.size !== undefined && source.size >= PARALLEL_MIN_BYTES;
  // Loaded only for the files it reads: worker_threads alone costs a small file's load a few ms.
  const inParallel = parallel && (await (await import('./parallel-load.js')).loadInParallel(source.path!, source.size!, progress, budget()));
  const { raw, indexes } = inParallel || (await loadInOnePass(source, progress, budget()));
  const strings = new StringTable(raw.stringBytes, raw.stringBounds, raw.stringsEscaped);
  return new HeapSnapshot(raw.meta, raw.nodes, raw.edges, strings, indexes, raw.locations, source.name, { functionInfos: raw.traceFunctionInfos, tree: raw.traceTree });
}

async function loadInOnePass(source: ByteSource, progress: ((bytes: number) => void) | undefined, budget: MemoryBudget): Promise<Indexed> {
  const scanner = new SnapshotScanner(source.name, source.size, budget);
  for await (const chunk of source.chunks(progress)) scanner.write(chunk);
  const raw = scanner.end();
  return { raw, indexes: buildIndexes(raw, raw.stringBounds.length / 2, source.name) };
}
