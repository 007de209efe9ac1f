import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { EdgesJob, EdgesMessage } from './edges-worker.js';
import { checkNames, edgeLayout, indexEdgeOwners, type Indexed } from './indexes.js';
import type { MemoryBudget } from './memory-budget.js';
import { isSpace } from './number-array.js';
import { SnapshotScanner } from './scanner.js';
import { CHUNK } from './source.js';

/** The part of the edges array whose pages this thread touches for the worker. */
const PREFAULTED_SHARE = 0.5;
/** The header is read in steps this small: one big read could pass where the edges array may start. */
const HEADER_STEP = 64 * 1024;

/**
 * Reads a plain snapshot file on two cores: a worker thread parses the edges array (about half
 * the bytes) and builds the retainer index while this thread reads everything else, skipping
 * over it. Returns undefined when the file does not have V8's layout or anything goes wrong; the
 * caller then reads it in one pass, which reports problems precisely.
 */
export async function loadInParallel(
  path: string,
  size: number,
  onProgress?: (bytes: number) => void,
  budget?: MemoryBudget,
): Promise<Indexed | undefined> {
  const scanner = new SnapshotScanner(path, size, budget);
  const file = await open(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let worker: Worker | undefined;
  let pos = 0;
  // Progress is this thread's bytes, less the edges array it skips, plus the worker's.
  let skipped = 0;
  const workerBytes = new Float64Array(new SharedArrayBuffer(8));
  const feedUntil = async (end: number) => {
    while (pos < end) {
      const { bytesRead } = await file.read(buf, 0, Math.min(CHUNK, end - pos), pos);
      if (bytesRead === 0) throw new Error('file shorter than its size');
      scanner.write(buf.subarray(0, bytesRead));
      pos += bytesRead;
      onProgress?.(pos - skipped + workerBytes[0]!);
    }
  };
  try {
    // The header and the start of the nodes array, to know how long the nodes array must be.
    while (!scanner.sectionStarts.has('nodes') && pos < size) await feedUntil(Math.min(size, pos + HEADER_STEP));
    const meta = scanner.header;
    const nodesAt = scanner.sectionStarts.get('nodes');
    if (!meta || nodesAt === undefined) return undefined;
    // The nodes array holds no `"`, so the first quote past its shortest possible end is the
    // "edges" key; likewise past the edges array's shortest end is the key after it.
    const edgeNumbers = meta.edgeCount * meta.edgeFields.length;
    const earliestEdges = nodesAt + 2 * meta.nodeCount * meta.nodeFields.length;
    if (earliestEdges < pos || earliestEdges + 2 * edgeNumbers > size) return undefined;
    // Booting a worker takes a while: start it now, send it the job once the array is found.
    worker = new Worker(new URL('./edges-worker.js', import.meta.url));
    const linked = nextMessage(worker, 'linked');
    const keyAt = await findQuote(file, buf, earliestEdges);
    const { bytesRead } = await file.read(buf, 0, 64, keyAt);
    const key = /^"edges"\s*:\s*/.exec(buf.toString('latin1', 0, bytesRead));
    if (!key) return undefined;
    const arrayAt = keyAt + key[0].length;

    const layout = edgeLayout(meta);
    const edges = new Uint32Array(new SharedArrayBuffer(edgeNumbers * 4));
    const lastRetainer = new Uint32Array(new SharedArrayBuffer(layout.nodeCount * 4));
    const previousRetainer = new Uint32Array(new SharedArrayBuffer(meta.edgeCount * 4));
    const tailFrom = layout.edgeFields * Math.floor(meta.edgeCount * (1 - PREFAULTED_SHARE));
    const tailReady = new Int32Array(new SharedArrayBuffer(4));
    const shared = (a: Uint32Array | Int32Array) => a.buffer as SharedArrayBuffer;
    const job: EdgesJob = {
      path,
      arrayAt,
      layout,
      tailFrom,
      edges: shared(edges),
      lastRetainer: shared(lastRetainer),
      previousRetainer: shared(previousRetainer),
      tailReady: shared(tailReady),
      progress: workerBytes.buffer as SharedArrayBuffer,
    };
    worker.postMessage(job);
    // Fresh memory costs a page fault a page on first write (about 0.4 s a GB on the machines
    // measured), and the worker is the busier thread: this one writes the pages at the end of its
    // arrays first, while the worker starts at the other end.
    edges.fill(0, tailFrom);
    previousRetainer.fill(0, tailFrom / layout.edgeFields);
    Atomics.store(tailReady, 0, 1);
    Atomics.notify(tailReady, 0);
    const nextKeyAt = await findQuote(file, buf, arrayAt + Math.max(0, 2 * edgeNumbers - 1));

    await feedUntil(keyAt);
    scanner.skip(nextKeyAt - keyAt);
    skipped = nextKeyAt - keyAt;
    pos = nextKeyAt;
    // The worker checks the count itself; handing the array in now lets this thread finish its part.
    scanner.provide('edges', edges);
    await feedUntil(size);
    const raw = scanner.end();
    const owners = indexEdgeOwners(meta, raw.nodes, edges.length, path);

    const done = await linked;
    if (!done || !(await onlyCommaBetween(file, buf, done.endAt, nextKeyAt))) return undefined;
    checkNames(raw, owners.maxName, done.maxName, raw.stringBounds.length / 2, path);
    onProgress?.(size);
    return { raw, indexes: { firstEdge: owners.firstEdge, lastRetainer, previousRetainer } };
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
