import { workerData } from 'node:worker_threads';
import { DONE, FAILED, STARTED, type OwnersWorkerData } from './owners-in-parallel.js';
import { spreadOwners } from './shallow-sizes.js';

/** Runs on the second core while the main thread searches for dominators (owners-in-parallel.ts). */
const { job, state } = workerData as OwnersWorkerData;
Atomics.store(state, 0, STARTED);
let outcome = DONE;
try {
  spreadOwners(job);
} catch {
  outcome = FAILED;
}
Atomics.store(state, 0, outcome);
Atomics.notify(state, 0);
