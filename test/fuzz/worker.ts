/**
 * A worker thread that runs fuzz cases, so the parent can stop it when a case hangs and watch
 * the process's memory while it works. Does nothing when run on its own (node --test runs every
 * file under dist/test/).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCase, type Verdict, type View, viewOfModel } from './check.js';
import { buildCase, type CaseSpec, parseSeeds, type Seed } from './cases.js';

export interface CaseReply {
  index: number;
  mutant: string;
  size: number;
  verdict: Verdict;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { seeds, only } = workerData as { seeds: Seed[]; only?: string };
  const parsed = parseSeeds(seeds.map((s) => ({ name: s.name, bytes: Buffer.from(s.bytes) })));
  const views: View[] = parsed.map((p) => viewOfModel(p.snap));
  port.on('message', (spec: CaseSpec) => {
    void (async () => {
      const { mutant, name, chunkSeed } = buildCase(parsed, spec, only);
      const verdict = await runCase(mutant.bytes, { name, expect: mutant.expect, seedView: views[spec.seedIndex], chunkSeed, gzip: mutant.gzip });
      const reply: CaseReply = { index: spec.index, mutant: mutant.name, size: mutant.bytes.length, verdict };
      port.postMessage(reply);
    })();
  });
}
