/**
 * A worker thread that runs whole-pipeline fuzz cases (test/fuzz/pipeline.ts) and says which stage
 * it is in, so that the parent's watchdog can name the stage that hung. Does nothing when run on
 * its own (node --test runs every file under dist/test/).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { baseClassName as className } from '../../src/snapshot/names.js';
import type { HeapSnapshot } from '../../src/snapshot/heap-snapshot.js';
import { runPipeline, type PipelineResult, type Stage } from './pipeline.js';
import { SHAPES } from './shapes.js';

/** A shape at a size, or bytes (a mutated snapshot) with a seed that picks the class to explain. */
export type StageJob = { id: number; shape: string; n: number } | { id: number; bytes: Uint8Array; pick: number };
export type StageMessage = { id: number; stage: Stage } | { id: number; result: PipelineResult; inputBytes: number };

/** Explains the class of one of the snapshot's objects, chosen by `pick`. */
export function pickClass(pick: number): (snap: HeapSnapshot) => string {
  return (snap) => {
    const objectType = snap.meta.nodeTypes.indexOf('object');
    for (let k = 0; k < snap.nodeCount; k++) {
      const ordinal = (pick + k) % snap.nodeCount;
      if (snap.nodeTypeIndex(ordinal) === objectType) return className(snap, ordinal);
    }
    return 'Object';
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: StageJob) => {
    void (async () => {
      const onStage = (stage: Stage) => port.postMessage({ id: job.id, stage } satisfies StageMessage);
      let bytes: Uint8Array;
      let result: PipelineResult;
      if ('shape' in job) {
        const shape = SHAPES.find((s) => s.name === job.shape)!;
        bytes = Buffer.from(shape.build(job.n).toJSON());
        result = await runPipeline(bytes, { className: 'Target', ...shape.walk, onStage });
      } else {
        bytes = job.bytes;
        result = await runPipeline(bytes, { className: pickClass(job.pick), maxDepth: 10, tooMany: 10, maxTargets: 10, onStage });
      }
      port.postMessage({ id: job.id, result, inputBytes: bytes.length } satisfies StageMessage);
    })();
  });
}
