/**
 * A stand-in for test/fuzz/stage-worker.ts in the watchdog's test: it goes through the stages it
 * is sent, each blocking the thread for its milliseconds as a real stage's synchronous work does,
 * and answers as the real worker does.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import type { Stage } from '../fuzz/pipeline.js';
import type { StageMessage } from '../fuzz/stage-worker.js';

export interface TimedJob {
  stages: { stage: Stage; ms: number }[];
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  port.on('message', (job: TimedJob & { id: number }) => {
    for (const { stage, ms } of job.stages) {
      port.postMessage({ id: job.id, stage } satisfies StageMessage);
      Atomics.wait(sleeper, 0, 0, ms);
    }
    const result = { ms: {}, rss: {}, size: { nodes: 0, edges: 0, targets: 0, drawn: 0 }, problems: [] };
    port.postMessage({ id: job.id, result, inputBytes: 0 } satisfies StageMessage);
  });
}
