/**
 * Runs fuzz cases in a worker thread with a watchdog: a case that takes longer than its budget
 * is reported as a hang and the worker replaced; the process's RSS is sampled throughout.
 */
import { Worker } from 'node:worker_threads';
import type { CaseReply } from './worker.js';
import type { CaseSpec, Seed } from './cases.js';

export type PoolResult = { kind: 'done'; reply: CaseReply } | { kind: 'hang'; index: number; ms: number } | { kind: 'died'; index: number; error: string };

export class FuzzPool {
  private worker: Worker | undefined;
  private readonly sampler: NodeJS.Timeout;
  peakRss = process.memoryUsage.rss();

  constructor(
    private readonly seeds: Seed[],
    /** Milliseconds before a case counts as a hang. */
    private readonly timeoutMs: number,
    private readonly only?: string,
  ) {
    this.sampler = setInterval(() => this.sample(), 20);
    this.sampler.unref();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    return rss;
  }

  async run(spec: CaseSpec): Promise<PoolResult> {
    const worker = (this.worker ??= new Worker(new URL('./worker.js', import.meta.url), { workerData: { seeds: this.seeds, only: this.only } }));
    const t0 = performance.now();
    return new Promise<PoolResult>((resolve) => {
      const done = (r: PoolResult) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.sample();
        resolve(r);
      };
      const onMessage = (reply: CaseReply) => done({ kind: 'done', reply });
      const onError = (e: Error) => {
        this.worker = undefined;
        done({ kind: 'died', index: spec.index, error: String(e.stack ?? e) });
      };
      const onExit = (code: number) => {
        this.worker = undefined;
        done({ kind: 'died', index: spec.index, error: `worker exited with ${code}` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done({ kind: 'hang', index: spec.index, ms: performance.now() - t0 });
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(spec);
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sampler);
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
