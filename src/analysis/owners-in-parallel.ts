import { Worker } from 'node:worker_threads';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { bitSet } from './essential-edges.js';
import { findOwners, ownersJob, spreadOwners, type OwnersJob } from './shallow-sizes.js';

/** Below this many edges a thread costs more to start (tens of milliseconds) than the pass takes. */
const WORKER_MIN_EDGES = 2_000_000;
/** A worker that has not started by then never will: the pass runs here instead. */
const START_TIMEOUT_MS = 10_000;

/** `state[0]` of a job handed to owners-worker.ts. */
export const NOT_STARTED = 0;
export const STARTED = 1;
export const DONE = 2;
export const FAILED = 3;

/** What the worker is handed: the job, and the flag it reports on. */
export interface OwnersWorkerData {
  readonly job: OwnersJob;
  readonly state: Int32Array;
}

export interface OwnersTask {
  /** Whether a worker thread took the pass (and, once owners() returned, delivered them). */
  readonly onWorker: boolean;
  /** The owners (shallow-sizes.ts), or undefined when the snapshot has no user roots. */
  owners(): Uint32Array | undefined;
}

/**
 * Shallow sizes' owners (shallow-sizes.ts), started now on the second core when the snapshot's
 * arrays are in shared memory (a file read by the two-thread reader): the pass reads every edge
 * and nothing the dominator search writes, which it runs beside. `owners()` blocks until they are
 * found (the caller is synchronous), or finds them itself when no worker could take them.
 */
export function ownersBeside(snap: HeapSnapshot, minEdges = WORKER_MIN_EDGES): OwnersTask {
  const shared = snap.edges.buffer instanceof SharedArrayBuffer && snap.firstEdges.buffer instanceof SharedArrayBuffer;
  if (!shared || snap.edgeCount < minEdges) {
    return {
      onWorker: false,
      owners() {
        const owners = new Uint32Array(snap.nodeCount);
        return findOwners(snap, owners) ? owners : undefined;
      },
    };
  }
  const owners = new Uint32Array(new SharedArrayBuffer(snap.nodeCount * 4));
  const job = ownersJob(snap, owners, new Uint32Array(new SharedArrayBuffer(bitSet(snap.nodeCount).length * 4)));
  if (!job) return { onWorker: false, owners: () => undefined };
  const state = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./owners-worker.js', import.meta.url), { workerData: { job, state } satisfies OwnersWorkerData });
    worker.unref();
    // Its failures are read from `state`; an 'error' event unheard would end the process.
    worker.on('error', () => {});
  } catch {
    worker = undefined;
  }
  return {
    get onWorker() {
      return worker !== undefined;
    },
    owners() {
      if (worker && Atomics.load(state, 0) === NOT_STARTED) Atomics.wait(state, 0, NOT_STARTED, START_TIMEOUT_MS);
      if (worker && Atomics.load(state, 0) === STARTED) Atomics.wait(state, 0, STARTED);
      if (Atomics.load(state, 0) === DONE) return owners;
      void worker?.terminate();
      worker = undefined;
      spreadOwners(job);
      return owners;
    },
  };
}

