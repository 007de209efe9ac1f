/**
 * Runs whole-pipeline cases in a worker thread with a watchdog: a stage past its time is reported
 * as a hang in that stage, and the worker replaced; RSS is sampled throughout.
 */
import { Worker } from 'node:worker_threads';
import type { PipelineResult, Stage } from './pipeline.js';
import type { StageJob, StageMessage } from './stage-worker.js';

/** A hang's `ms` is the time spent in the stage that hung; a finished case's, the whole case's. */
export type StageOutcome = { kind: 'done'; result: PipelineResult; inputBytes: number; ms: number } | { kind: 'hang'; stage: Stage | undefined; ms: number } | { kind: 'died'; stage: Stage | undefined; error: string };

/** `Job` is what the worker script is sent (with an id added): a shape or mutated bytes for stage-worker.ts. */
export class StagePool<Job extends object = Omit<StageJob, 'id'>> {
  private worker: Worker | undefined;
  private readonly sampler: NodeJS.Timeout;
  private nextId = 0;
  peakRss = process.memoryUsage.rss();

  constructor(
    /** Milliseconds one stage (or the build before the first) may take before it counts as a hang. */
    private readonly timeoutMs: number,
    /** The worker script (a stand-in in the watchdog's own test). */
    private readonly script: URL = new URL('./stage-worker.js', import.meta.url),
  ) {
    this.sampler = setInterval(() => this.sample(), 20);
    this.sampler.unref();
  }

  private sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  run(job: Job): Promise<StageOutcome> {
    const worker = (this.worker ??= new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 4096 } }));
    const id = this.nextId++;
    const t0 = performance.now();
    let stage: Stage | undefined;
    let stageStart = t0;
    return new Promise<StageOutcome>((resolve) => {
      const done = (r: StageOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.sample();
        resolve(r);
      };
      const onMessage = (m: StageMessage) => {
        if (m.id !== id) return;
        if ('stage' in m) {
          // The watchdog times each stage, as --stage-timeout says: a million-node case whose
          // stages each took well under the limit was reported hung in whichever stage its
          // running total passed it (long-chain "in why-dot", a stage of a few seconds).
          stage = m.stage;
          stageStart = performance.now();
          timer.refresh();
        } else done({ kind: 'done', result: m.result, inputBytes: m.inputBytes, ms: performance.now() - t0 });
      };
      const onError = (e: Error) => {
        this.worker = undefined;
        done({ kind: 'died', stage, error: String(e.stack ?? e).split('\n').slice(0, 3).join(' | ') });
      };
      const onExit = (code: number) => {
        this.worker = undefined;
        done({ kind: 'died', stage, error: `worker exited with ${code}` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done({ kind: 'hang', stage, ms: performance.now() - stageStart });
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...job, id });
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sampler);
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
