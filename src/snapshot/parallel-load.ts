import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { EdgesBounds, EdgesJob, EdgesMessage } from './edges-worker.js';
import { SnapshotScanner, type RawSnapshot } from './scanner.js';
import { CHUNK } from './source.js';

/**
 * Reads a plain snapshot file on two cores: a worker thread parses the edges array (about half
 * the bytes) while this thread reads everything else, skipping over it. Returns undefined when
 * the file does not have V8's layout or anything goes wrong; the caller then reads it in one
 * pass, which reports problems precisely.
 */
export async function loadInParallel(path: string, size: number, onProgress?: (bytes: number) => void): Promise<RawSnapshot | undefined> {
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
    const earliestEdges = nodesAt + 2 * meta.nodeCount * meta.nodeFields.length;
    if (earliestEdges < pos || earliestEdges >= size) return undefined;

    const job: EdgesJob = { path, from: earliestEdges, numbers: meta.edgeCount * meta.edgeFields.length };
    worker = new Worker(new URL('./edges-worker.js', import.meta.url), { workerData: job });
    const bounds = nextMessage(worker, 'bounds') as Promise<(EdgesBounds & { kind: 'bounds' }) | undefined>;
    const done = nextMessage(worker, 'done') as Promise<Extract<EdgesMessage, { kind: 'done' }> | undefined>;

    await feedUntil(earliestEdges);
    const b = await bounds;
    if (!b) return undefined;
    await feedUntil(b.keyAt);
    scanner.skip(b.nextKeyAt - b.keyAt);
    pos = b.nextKeyAt;
    await feedUntil(size);
    const edges = await done;
    if (!edges) return undefined;
    scanner.provide('edges', new Uint32Array(edges.buffer, 0, edges.length));
    return scanner.end();
  } catch {
    return undefined;
  } finally {
    await file.close();
    void worker?.terminate();
  }
}

/** Resolves with the worker's message of that kind, or undefined if it fails or dies first. */
function nextMessage(worker: Worker, kind: 'bounds' | 'done'): Promise<EdgesMessage | undefined> {
  return new Promise((resolve) => {
    const onMessage = (m: EdgesMessage) => {
      if (m.kind === kind) resolve(m);
      else if (m.kind === 'fail') resolve(undefined);
    };
    worker.on('message', onMessage);
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
