/**
 * One input through every stage a user runs: load → select → walk → DOT, the default picture and
 * its DOT, `chain`, JSON, text, and SVG
 * (rendered by the WebAssembly Graphviz and checked as XML) when the graph is small enough to lay
 * out. Each stage is timed and its RSS taken; each output is checked for what it promises. Used
 * by the fuzz test in `npm test` and by `npm run fuzz`, in process.
 */
import { chains } from '../../src/graph/chain.js';
import { sampleByType } from '../../src/graph/select.js';
import { retainerGraph } from '../../src/graph/walk.js';
import { whyGraph } from '../../src/graph/why.js';
import { layoutProblem } from '../../src/cli/encode.js';
import { chainText } from '../../src/output/chain-text.js';
import { dotChunks, toDot } from '../../src/output/dot.js';
import { jsonChunks } from '../../src/output/json.js';
import { renderSvg } from '../../src/output/render.js';
import { textChunks } from '../../src/output/text.js';
import { SnapshotError } from '../../src/snapshot/errors.js';
import type { HeapSnapshot } from '../../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { xmlProblem } from '../helpers/xml.js';

export const STAGES = ['load', 'select', 'walk', 'why', 'dot', 'why-dot', 'chain', 'json', 'text', 'svg'] as const;
export type Stage = (typeof STAGES)[number];

export interface PipelineOptions {
  /** The class to explain; a function picks one from the loaded snapshot (for mutated real files). */
  className: string | ((snap: HeapSnapshot) => string);
  maxDepth: number;
  tooMany: number;
  maxTargets: number;
  /** Graphs above this many nodes are not laid out (Graphviz's layout is superlinear by design). */
  svgMaxNodes?: number;
  /** Told when a stage starts, so a watchdog can say which stage hung. */
  onStage?: (stage: Stage) => void;
}

export interface PipelineResult {
  /** Milliseconds per stage that ran. */
  readonly ms: Partial<Record<Stage, number>>;
  /** RSS after each stage, bytes. */
  readonly rss: Partial<Record<Stage, number>>;
  /** What the snapshot held and what was drawn. */
  readonly size: { nodes: number; edges: number; targets: number; drawn: number };
  readonly problems: string[];
  /** The load was refused (a SnapshotError): nothing after it ran. */
  readonly refused?: string;
}

/** Characters no text output may carry (C0 but newline, DEL, C1, separators, bidi controls). */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

export async function runPipeline(input: Uint8Array | HeapSnapshot, o: PipelineOptions): Promise<PipelineResult> {
  const ms: Partial<Record<Stage, number>> = {};
  const rss: Partial<Record<Stage, number>> = {};
  const problems: string[] = [];
  const size = { nodes: 0, edges: 0, targets: 0, drawn: 0 };
  const stage = async <T>(name: Stage, work: () => T | Promise<T>): Promise<T> => {
    o.onStage?.(name);
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      ms[name] = performance.now() - t0;
      rss[name] = process.memoryUsage.rss();
    }
  };
  let snap: HeapSnapshot;
  try {
    snap = input instanceof Uint8Array ? await stage('load', () => loadSnapshot(input, { name: 'fuzz-case' })) : input;
  } catch (e) {
    if (e instanceof SnapshotError) return { ms, rss, size, problems, refused: e.code };
    return { ms, rss, size, problems: [`load threw ${String((e as Error).stack ?? e)}`] };
  }
  size.nodes = snap.nodeCount;
  size.edges = snap.edgeCount;
  try {
    const name = typeof o.className === 'string' ? o.className : o.className(snap);
    const { found, count } = await stage('select', () => sampleByType(snap, name, { limit: o.maxTargets }));
    size.targets = count;
    if (found.length === 0) return { ms, rss, size, problems };
    const graph = await stage('walk', () => retainerGraph(snap, found, { maxDepth: o.maxDepth, tooMany: o.tooMany }));
    size.drawn = graph.nodes.length;
    // Each format on its own: one that fails or throws must not hide the cost of the others.
    const format = async (name: Stage, work: () => Promise<void>) => {
      try {
        await work();
      } catch (e) {
        problems.push(`${name} threw ${String((e as Error).stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
      }
    };
    // DOT and JSON in chunks, as the CLI writes them; kept whole only when small enough to use.
    const layOut = graph.nodes.length <= (o.svgMaxNodes ?? 300) && layoutProblem(graph) === undefined;
    let dot: string | undefined;
    await format('dot', async () => {
      const text = await stage('dot', () => drain(dotChunks(graph), layOut));
      if (!text.head.startsWith('digraph')) problems.push('DOT does not start with digraph');
      if (!text.tail.endsWith('}\n')) problems.push('DOT does not end with }');
      dot = text.whole;
    });
    // The default picture too: its own walk (distances, grouping, the budget) and its DOT.
    await format('why', async () => {
      const why = await stage('why', () => whyGraph(snap, found, { maxDepth: o.maxDepth, tooMany: o.tooMany }));
      const whyDot = await stage('why-dot', () => toDot(why));
      if (!whyDot.startsWith('digraph')) problems.push('the default picture\'s DOT does not start with digraph');
      // `backrefs chain` over the same targets: a path each, as text.
      const chainLines = await stage('chain', () => {
        const { groups, unreachable } = chains(snap, found);
        return chainText(snap, groups, unreachable, typeof o.className === 'string' ? o.className : 'target').split('\n').length;
      });
      if (found.length > 0 && chainLines < 2) problems.push('chain printed nothing');
    });
    await format('json', async () => {
      // Parsed when V8 can hold it as one string; past that (a million nodes and two million edges), its ends checked.
      const text = await stage('json', () => drain(jsonChunks(graph), true));
      if (text.whole !== undefined) {
        const parsed = JSON.parse(text.whole) as { nodes: unknown[] };
        if (parsed.nodes.length !== graph.nodes.length) problems.push(`JSON has ${parsed.nodes.length} nodes, the graph ${graph.nodes.length}`);
      } else if (!text.head.startsWith('{\n') || !text.tail.endsWith('\n}\n')) problems.push('JSON does not start with { and end with }');
    });
    await format('text', async () => {
      // In chunks, as the CLI writes it (dense-cycles at a million: some 350 MB of text), each checked.
      const unsafe = await stage('text', () => {
        let found = false;
        for (const chunk of textChunks(graph)) found ||= UNSAFE.test(chunk);
        return found;
      });
      if (unsafe) problems.push('text output carries a control character');
    });
    // As the CLI: past layoutProblem's limits SVG is refused (800 boxes with 100,000 arrows hung Graphviz).
    if (dot !== undefined && layOut) {
      await format('svg', async () => {
        const bad = xmlProblem(await stage('svg', () => renderSvg(dot!)));
        if (bad) problems.push(`SVG is not XML: ${bad}`);
      });
    }
  } catch (e) {
    problems.push(`threw ${String((e as Error).stack ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
  return { ms, rss, size, problems };
}

/** Per-stage figures over many cases: the slowest case of each stage, and the peak RSS. */
export class StageReport {
  private readonly slowest = new Map<Stage, { ms: number; label: string }>();
  peakRss = 0;
  cases = 0;
  formats = new Set<Stage>();

  add(label: string, r: PipelineResult): void {
    this.cases++;
    for (const s of STAGES) {
      const t = r.ms[s];
      if (t === undefined) continue;
      if (s === 'dot' || s === 'json' || s === 'text' || s === 'svg') this.formats.add(s);
      if (t > (this.slowest.get(s)?.ms ?? -1)) this.slowest.set(s, { ms: t, label });
      this.peakRss = Math.max(this.peakRss, r.rss[s] ?? 0);
    }
  }

  lines(): string[] {
    return STAGES.filter((s) => this.slowest.has(s)).map((s) => `  ${s.padEnd(6)} slowest ${this.slowest.get(s)!.ms.toFixed(1).padStart(9)} ms  (${this.slowest.get(s)!.label})`);
  }
}

/** A stage's time allowance: 2 s, plus 20 µs for each node and edge of the snapshot. */
export function stageBudgetMs(size: { nodes: number; edges: number }): number {
  return 2000 + 0.02 * (size.nodes + size.edges);
}

/** Reads chunks through: the first and last, and the whole text when asked and V8 can hold it. */
function drain(chunks: Iterable<string>, keep: boolean): { head: string; tail: string; whole: string | undefined } {
  let head: string | undefined;
  let tail = '';
  let parts: string[] | undefined = keep ? [] : undefined;
  let length = 0;
  for (const c of chunks) {
    head ??= c;
    tail = c;
    length += c.length;
    if (parts && length > 1 << 28) parts = undefined;
    parts?.push(c);
  }
  return { head: head ?? '', tail, whole: parts?.join('') };
}
