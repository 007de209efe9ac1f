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
  /** Estimated bytes allocated (each sample stands for about a sampling interval's worth), and the samples behind the estimate. */
  size: number;
  samples: number;
  readonly stack: readonly CallFrame[];
}

/** This module's folder: the tracer's own frames are left out of what it reports. */
const OWN_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * Samples grouped by allocating site. V8 samples an object of s bytes with probability
 * 1 - exp(-s / interval) and reports it already scaled: size = s × c, c = that probability's
 * inverse, rounded. Sizes add up as they are. How many objects a sample stands for needs s, and
 * for objects smaller than the interval many (s, c) give the same product (40 × 820 = 32 × 1025
 * = 32800 at the default interval), so counts are counts of samples, never guessed objects.
 * Builtins (Array.from, JSON.parse) have no script: their allocations go to the nearest caller
 * that has one, which is the line a developer can change.
 */
export function sitesOf(profile: SamplingProfile): Map<string, Site> {
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
  for (const s of profile.samples) {
    const path = parents.get(s.nodeId);
    if (!path) continue;
    const node = nodes.get(s.nodeId)!;
    const frames = [node, ...path.slice().reverse()].map((n) => n.callFrame);
    const at = frames.findIndex((f) => f.url !== '' && f.lineNumber >= 0);
    if (at === -1) continue;
    const frame = frames[at]!;
    if (isOwnFrame(frame.url)) continue;
    const builtin = at > 0 ? frames[0]!.functionName : '';
    const place = `${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    const key = `${place} ${builtin}`;
    let site = sites.get(key);
    if (!site) {
      site = { key, place, functionName: `${frame.functionName || '(anonymous)'}${builtin ? ` → ${builtin}` : ''}`, size: 0, samples: 0, stack: frames.slice(at).filter((f) => f.url !== '' || f.functionName !== '(root)') };
      sites.set(key, site);
    }
    site.size += s.size;
    site.samples++;
  }
  return sites;
}

export function isOwnFrame(url: string): boolean {
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
