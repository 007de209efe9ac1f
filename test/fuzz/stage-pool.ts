/**
 * Runs whole-pipeline cases in a worker thread with a watchdog: a case past its time is reported
 * as a hang in the stage it had reached, and the worker replaced; RSS is sampled throughout.
 */
import { Worker } from 'node:worker_threads';
import type { PipelineResult, Stage } from './pipeline.js';
import type { StageJob, StageMessage } from './stage-worker.js';

export type StageOutcome = { kind: 'done'; result: PipelineResult; inputBytes: number; ms: number } | { kind: 'hang'; stage: Stage | undefined; ms: number } | { kind: 'died'; stage: Stage | undefined; error: string };

export class StagePool {
  private worker: Worker | undefined;
  private readonly sampler: NodeJS.Timeout;
  private nextId = 0;
  peakRss = process.memoryUsage.rss();

  constructor(private readonly timeoutMs: number) {
    this.sampler = setInterval(() => this.sample(), 20);
    this.sampler.unref();
  }

  private sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  run(job: Omit<StageJob, 'id'>): Promise<StageOutcome> {
    const worker = (this.worker ??= new Worker(new URL('./stage-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 4096 } }));
    const id = this.nextId++;
    const t0 = performance.now();
    let stage: Stage | undefined;
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
        if ('stage' in m) stage = m.stage;
        else done({ kind: 'done', result: m.result, inputBytes: m.inputBytes, ms: performance.now() - t0 });
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
        done({ kind: 'hang', stage, ms: performance.now() - t0 });
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
