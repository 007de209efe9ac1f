import { writeFileSync } from 'node:fs';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { visible } from '../output/escape.js';
import { isOwnFrame, sitesOf, type SamplingProfile, type Site } from './sampling-profile.js';
import { LocalSession } from './session.js';
import { afterCall } from './timing.js';

export type KeyType = 'lineno' | 'traceback' | 'diff';

export interface TraceMemoryOptions {
  /**
   * `lineno`: the sites that allocated most during the call (garbage included); `traceback`: the
   * stack of the biggest one; `diff`: what the call left alive, site by site. Default `lineno`.
   */
  keyType?: KeyType;
  /** Rows to print (the seed's `mem_top`). Default 10. */
  top?: number;
  /** Frames of the traceback to print (the seed's `frame`). Default 10. */
  frames?: number;
  /** Bytes between samples on average (V8's default is 32768; smaller is finer and slower). */
  samplingInterval?: number;
  /** Write the report to this file instead of the console. */
  file?: string;
  write?: (text: string) => void;
}

const KiB = 1024;
const kib = (n: number): string => `${(n / KiB).toFixed(1)} KiB`;
const bytes = (n: number): string => (n < 10 * KiB ? `${Math.round(n)} B` : kib(n));
const signedKib = (n: number): string => `${n < 0 ? '-' : '+'}${kib(Math.abs(n))}`;
const signedCount = (n: number): string => `${n < 0 ? '-' : '+'}${Math.abs(Math.round(n))}`;

/**
 * The seed's MemoryTrace on V8's sampling heap profiler: samples allocations while `fn` runs
 * and prints where they came from, then the profiler's footprint, the heap now and the peak.
 * Synchronous for a synchronous `fn`; a promise for an async one.
 */
export function traceMemory<T>(fn: () => T, options: TraceMemoryOptions = {}): T {
  const keyType = options.keyType ?? 'lineno';
  if (!['lineno', 'traceback', 'diff'].includes(keyType)) throw new TypeError(`keyType must be 'lineno', 'traceback' or 'diff', not ${JSON.stringify(keyType)}`);
  const interval = options.samplingInterval ?? 32768;
  const write = options.write ?? ((s: string) => void process.stdout.write(s));
  const session = new LocalSession();
  // lineno and traceback are about what was allocated, so samples of collected objects stay;
  // diff is about what is alive, so V8 drops a sample when its object dies.
  const keepCollected = keyType !== 'diff';
  // Found before sampling starts, so its own allocations are not in the profile.
  const gc = keyType === 'diff' ? collector() : undefined;
  const mallocBefore = getHeapStatistics().malloced_memory;
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  session.post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: keepCollected, includeObjectsCollectedByMinorGC: keepCollected });
  let before: SamplingProfile | undefined;
  if (keyType === 'diff') before = session.post<{ profile: SamplingProfile }>('HeapProfiler.getSamplingProfile').profile;
  return afterCall(fn, () => {
    let text: string;
    try {
      gc?.();
      const { profile } = session.post<{ profile: SamplingProfile }>('HeapProfiler.getSamplingProfile');
      const mallocDuring = getHeapStatistics().malloced_memory - mallocBefore;
      session.post('HeapProfiler.stopSampling');
      const sites = sitesOf(profile);
      const top = options.top ?? 10;
      const body =
        keyType === 'lineno' ? lineno(sites, top) : keyType === 'traceback' ? traceback(sites, options.frames ?? 10) : diff(sitesOf(before!), sites, top);
      text = `========${keyType}=======\n${body}${footer(profile, interval, mallocDuring, rssBefore)}`;
    } finally {
      session.close();
    }
    if (options.file) writeFileSync(options.file, text);
    else write(text);
  });
}

/**
 * A full GC, so that 'alive after' means alive (V8 drops the samples of what it frees).
 * HeapProfiler.collectGarbage answers asynchronously on this thread; gc() needs its flag.
 */
function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) return gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function bySize(sites: Iterable<Site>): Site[] {
  return [...sites].sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
}

function lineno(sites: Map<string, Site>, top: number): string {
  const rows = bySize(sites.values()).slice(0, top);
  if (rows.length === 0) return 'no allocation was sampled during the call\n';
  return rows.map((s) => `mem-trace ${visible(s.place)} ${visible(s.functionName)}: size=${kib(s.size)}, count=${s.samples} samples, average=${bytes(s.size / s.samples)} a sample\n`).join('');
}

function traceback(sites: Map<string, Site>, frames: number): string {
  const biggest = bySize(sites.values())[0];
  if (!biggest) return 'no allocation was sampled during the call\n';
  const lines = [`blocks count: ${biggest.samples} samples`, `size: ${kib(biggest.size)}`];
  for (const f of biggest.stack.filter((f) => !isOwnFrame(f.url)).slice(0, frames)) lines.push(`mem-trace   at ${visible(f.functionName || '(anonymous)')} (${visible(placeOf(f))})`);
  return `${lines.join('\n')}\n`;
}

function placeOf(f: Site['stack'][number]): string {
  return f.url === '' ? '(builtin)' : `${f.url}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

/** tracemalloc's compare_to: each site's live size and count after, with the change since before; largest change first. */
function diff(before: Map<string, Site>, after: Map<string, Site>, top: number): string {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const rows = [...keys].map((k) => {
    const a = after.get(k);
    const b = before.get(k);
    const site = (a ?? b)!;
    return { site, size: a?.size ?? 0, count: a?.samples ?? 0, dSize: (a?.size ?? 0) - (b?.size ?? 0), dCount: (a?.samples ?? 0) - (b?.samples ?? 0) };
  });
  rows.sort((x, y) => Math.abs(y.dSize) - Math.abs(x.dSize) || (x.site.key < y.site.key ? -1 : 1));
  const shown = rows.filter((r) => r.dCount !== 0 || Math.round(r.dSize) !== 0).slice(0, top);
  if (shown.length === 0) return 'nothing sampled is alive after the call\n';
  return shown
    .map(
      (r) =>
        `mem-trace ${visible(r.site.place)} ${visible(r.site.functionName)}: size=${kib(r.size)} (${signedKib(r.dSize)}), count=${r.count} samples (${signedCount(r.dCount)}), average=${bytes(r.count > 0 ? r.size / r.count : 0)} a sample\n`,
    )
    .join('');
}

function footer(profile: SamplingProfile, interval: number, mallocDuring: number, rssBefore: number): string {
  const heap = getHeapStatistics();
  const rss = process.resourceUsage().maxRSS * 1024;
  return [
    `sampling interval: ${interval} B (sizes are estimates: V8 samples about one allocation per ${interval} B allocated and scales it up; counts are samples)`,
    `profiler memory: ${profile.samples.length} samples; V8's malloced memory changed by ${signedKib(mallocDuring)} while sampling (the profiler keeps its samples there)`,
    `current size: ${kib(heap.used_heap_size)} (JS heap in use now, v8.getHeapStatistics)`,
    `peak size: ${kib(rss)} (peak resident set size of the process, getrusage's maxRSS${rss > rssBefore ? ', reached during the call' : ', reached before the call'}; V8 keeps no peak of the JS heap)`,
  ].join('\n') + '\n';
}
