import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';

/** V8's sampling heap profile, as HeapProfiler.getSamplingProfile returns it. */
export interface CallFrame {
  readonly functionName: string;
  readonly scriptId: string;
  readonly url: string;
  /** 0-based, -1 when unknown. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}
export interface ProfileNode {
  readonly callFrame: CallFrame;
  readonly selfSize: number;
  readonly id: number;
  readonly children: readonly ProfileNode[];
}
export interface SamplingProfile {
  readonly head: ProfileNode;
  readonly samples: readonly { readonly size: number; readonly nodeId: number; readonly ordinal: number }[];
}

/** Where allocations happened: a function's place in a script, and the stack that led there (innermost first). */
export interface Site {
  readonly key: string;
  /** `app.js:12:20`: the start of the function that allocated (V8 records functions, not lines). */
  readonly place: string;
  readonly functionName: string;
  /** Estimated bytes and objects (each sample stands for about `interval` bytes of allocation), and the samples they come from. */
  size: number;
  count: number;
  samples: number;
  readonly stack: readonly CallFrame[];
}

/** This module's folder: the tracer's own frames are left out of what it reports. */
const OWN_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * Samples grouped by allocating site. V8 samples an object of s bytes with probability
 * 1 - exp(-s / interval) and reports it already scaled: size = s × c, c = that probability's
 * inverse, rounded. Sizes add up as they are; counts need s, which the product hides.
 * Builtins (Array.from, JSON.parse) have no script: their allocations go to the nearest caller
 * that has one, which is the line a developer can change.
 */
export function sitesOf(profile: SamplingProfile, interval: number): Map<string, Site> {
  const parents = new Map<number, ProfileNode[]>();
  const nodes = new Map<number, ProfileNode>();
  const visit = (n: ProfileNode, stack: ProfileNode[]): void => {
    parents.set(n.id, stack);
    nodes.set(n.id, n);
    const next = [...stack, n];
    for (const c of n.children) visit(c, next);
  };
  visit(profile.head, []);
  const sites = new Map<string, Site>();
  const counts = new Map<number, number>();
  for (const s of profile.samples) {
    const path = parents.get(s.nodeId);
    if (!path) continue;
    const node = nodes.get(s.nodeId)!;
    const frames = [node, ...path.slice().reverse()].map((n) => n.callFrame);
    const at = frames.findIndex((f) => f.url !== '' && f.lineNumber >= 0);
    if (at === -1) continue;
    const frame = frames[at]!;
    if (isOwn(frame.url)) continue;
    const builtin = at > 0 ? frames[0]!.functionName : '';
    const place = `${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    const key = `${place} ${builtin}`;
    let site = sites.get(key);
    if (!site) {
      site = { key, place, functionName: `${frame.functionName || '(anonymous)'}${builtin ? ` → ${builtin}` : ''}`, size: 0, count: 0, samples: 0, stack: frames.slice(at).filter((f) => f.url !== '' || f.functionName !== '(root)') };
      sites.set(key, site);
    }
    site.size += s.size;
    site.count += objectsIn(s.size, interval, counts);
    site.samples++;
  }
  return sites;
}

/**
 * How many objects one sample stands for: c for the smallest object size s (a multiple of 4, the
 * heap's granule with pointer compression; 8 bytes at least) with s × c = size and V8's rounding.
 * Big objects are sampled alone (c = 1); for small ones several (s, c) fit and the smallest s is
 * taken, which can overstate the count by up to a third: the count is a rough estimate.
 */
function objectsIn(size: number, interval: number, memo: Map<number, number>): number {
  let c = memo.get(size);
  if (c !== undefined) return c;
  c = 1;
  for (let s = Math.max(8, Math.ceil((size - interval) / 4) * 4); s <= size; s += 4) {
    if (size % s !== 0) continue;
    const k = size / s;
    if (Math.round(1 / (1 - Math.exp(-s / interval))) === k) {
      c = k;
      break;
    }
  }
  memo.set(size, c);
  return c;
}

function isOwn(url: string): boolean {
  if (url.startsWith('node:inspector')) return true;
  return pathOf(url)?.startsWith(OWN_DIR) ?? false;
}

/** CommonJS scripts are named by path, ES modules by file: URL. */
function pathOf(url: string): string | undefined {
  if (url.startsWith('/')) return url;
  if (!url.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** A path relative to the working directory when under it; node: modules as they are. */
export function shortUrl(url: string): string {
  const path = pathOf(url);
  if (path === undefined) return url;
  const rel = relative(process.cwd(), path);
  return rel.startsWith(`..${sep}`) || rel === '..' || rel === '' ? path : rel;
}
