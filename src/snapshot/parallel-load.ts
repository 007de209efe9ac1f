import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { EdgesJob, EdgesMessage, FillRequest } from './edges-worker.js';
import { balancedSplit, checkNames, countsToStarts, edgeLayout, fillRetainers, indexEdgeOwners, shiftStarts, type SnapshotIndexes } from './indexes.js';
import { isSpace } from './number-array.js';
import { SnapshotScanner, type RawSnapshot } from './scanner.js';
import { CHUNK } from './source.js';

/**
 * Reads a plain snapshot file on two cores: a worker thread parses the edges array (about half
 * the bytes) and counts retainers while this thread reads everything else, skipping over it;
 * then each thread files half of the retainer index. Returns undefined when the file does not
 * have V8's layout or anything goes wrong; the caller then reads it in one pass, which reports
 * problems precisely.
 */
export async function loadInParallel(
  path: string,
  size: number,
  onProgress?: (bytes: number) => void,
): Promise<{ raw: RawSnapshot; indexes: SnapshotIndexes } | undefined> {
  const scanner = new SnapshotScanner(path, size);
  const file = await open(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let worker: Worker | undefined;
  let pos = 0;
  const feedUntil = async (end: number) => {
    while (pos < end) {
      const { bytesRead } = await file.read(buf, 0, Math.min(CHUNK, end - pos), pos);
      if (bytesRead === 0) throw new Error('file shorter than its size');
      scanner.write(buf.subarray(0, bytesRead));
      pos += bytesRead;
      onProgress?.(pos);
    }
  };
  try {
    // The header and the start of the nodes array, to know how long the nodes array must be.
    while (!scanner.sectionStarts.has('nodes') && pos < size) await feedUntil(Math.min(size, pos + CHUNK));
    const meta = scanner.header;
    const nodesAt = scanner.sectionStarts.get('nodes');
    if (!meta || nodesAt === undefined) return undefined;
    // The nodes array holds no `"`, so the first quote past its shortest possible end is the
    // "edges" key; likewise past the edges array's shortest end is the key after it.
    const edgeNumbers = meta.edgeCount * meta.edgeFields.length;
    const earliestEdges = nodesAt + 2 * meta.nodeCount * meta.nodeFields.length;
    if (earliestEdges < pos || earliestEdges + 2 * edgeNumbers > size) return undefined;
    const keyAt = await findQuote(file, buf, earliestEdges);
    const { bytesRead } = await file.read(buf, 0, 64, keyAt);
    const key = /^"edges"\s*:\s*/.exec(buf.toString('latin1', 0, bytesRead));
    if (!key) return undefined;
    const arrayAt = keyAt + key[0].length;

    const layout = edgeLayout(meta);
    const job: EdgesJob = { path, arrayAt, edgeCount: meta.edgeCount, layout };
    worker = new Worker(new URL('./edges-worker.js', import.meta.url), { workerData: job });
    const arrays = nextMessage(worker, 'arrays');
    const counted = nextMessage(worker, 'counted');
    const nextKeyAt = await findQuote(file, buf, arrayAt + Math.max(0, 2 * edgeNumbers - 1));

    await feedUntil(keyAt);
    scanner.skip(nextKeyAt - keyAt);
    pos = nextKeyAt;
    const shared = await arrays;
    if (!shared) return undefined;
    // The worker checks the count itself; handing the array in now lets this thread finish its part.
    const edges = new Uint32Array(shared.edges);
    scanner.provide('edges', edges);
    await feedUntil(size);
    const raw = scanner.end();
    const owners = indexEdgeOwners(meta, raw.nodes, edges.length, path);

    const c = await counted;
    if (!c || !(await onlyCommaBetween(file, buf, c.endAt, nextKeyAt))) return undefined;
    checkNames(raw, owners.maxName, c.maxName, raw.stringBounds.length / 2, path);
    const firstRetainer = new Uint32Array(shared.counts);
    const retainingEdges = new Uint32Array(new SharedArrayBuffer(countsToStarts(firstRetainer) * 4));
    const split = balancedSplit(firstRetainer);
    const filled = nextMessage(worker, 'filled');
    worker.postMessage({ retainingEdges: retainingEdges.buffer as SharedArrayBuffer, fromNode: split, toNode: layout.nodeCount } satisfies FillRequest);
    fillRetainers(layout, edges, firstRetainer, retainingEdges, 0, split);
    if (!(await filled)) return undefined;
    shiftStarts(firstRetainer);
    return { raw, indexes: { firstEdgeIndex: owners.firstEdgeIndex, firstRetainer, retainingEdges } };
  } catch {
    return undefined;
  } finally {
    await file.close();
    void worker?.terminate();
  }
}

/** The offset of the first `"` at or after `from`; throws at the end of the file. */
async function findQuote(file: FileHandle, buf: Buffer, from: number): Promise<number> {
  for (let pos = from; ; ) {
    const { bytesRead } = await file.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) throw new Error('no quote');
    const at = buf.subarray(0, bytesRead).indexOf(0x22);
    if (at >= 0) return pos + at;
    pos += bytesRead;
  }
}

/** Whether the bytes in `[from, to)`, between the edges array and the next key, are white space and exactly one comma. */
async function onlyCommaBetween(file: FileHandle, buf: Buffer, from: number, to: number): Promise<boolean> {
  if (to < from || to - from > buf.length) return false;
  const { bytesRead } = await file.read(buf, 0, to - from, from);
  let commas = 0;
  for (let i = 0; i < bytesRead; i++) {
    if (buf[i] === 0x2c) commas++;
    else if (!isSpace(buf[i]!)) return false;
  }
  return bytesRead === to - from && commas === 1;
}

/** Resolves with the worker's message of that kind, or undefined if it fails or dies first. */
function nextMessage<K extends EdgesMessage['kind']>(worker: Worker, kind: K): Promise<Extract<EdgesMessage, { kind: K }> | undefined> {
  return new Promise((resolve) => {
    const onMessage = (m: EdgesMessage) => {
      if (m.kind === kind) resolve(m as Extract<EdgesMessage, { kind: K }>);
      else if (m.kind === 'fail') resolve(undefined);
    };
    worker.on('message', onMessage);
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
