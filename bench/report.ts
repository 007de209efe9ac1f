import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { shapeOf } from './generate-shapes.js';
import type { Input } from './inputs.js';
import { peakRssMethod, type Measured } from './measure.js';
import type { Startup } from './node-startup.js';
import type { Warmed } from './warm-memory.js';
import { formatBytes } from './sizes.js';
import { median, parseTimings, seconds } from './stats.js';

export interface Row {
  readonly input: Input;
  readonly tool: string;
  readonly runs: readonly Measured[];
  readonly note: string | undefined;
}

/** Load averages when the run started and ended: other work on the machine skews the timings. */
export function load(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

/** The CPU's model name, from /proc/cpuinfo where os.cpus() has none (some virtual machines). */
function cpuModel(): string {
  const model = cpus()[0]?.model.trim();
  if (model) return model;
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown CPU';
  } catch {
    return 'unknown CPU';
  }
}

export function machine(loadAtStart: string, startup: Startup, warmed: Warmed): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpuModel()}, ${cpu.length} cores; ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Linux ${release()}`,
    `- \`node -e 0\`: ${startup.medianMs.toFixed(0)} ms median of ${startup.runs} runs (${startup.minMs.toFixed(0)}-${startup.maxMs.toFixed(0)}), measured in this run: the unit of the \`x node -e 0\` column`,
    `- Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- peak RSS: ${peakRssMethod}; files read from the page cache (each is read through once before the runs of each tool)`,
    `- memory: ${formatBytes(warmed.bytes)} of free memory written once before the runs (${(warmed.ms / 1000).toFixed(1)} s), so that no run pays a VM's first touch of a page`,
    `- load average (1/5/15 min) at start ${loadAtStart}, at end ${load()} (the run itself adds up to ${cpu.length}; more at start means other work competed)`,
  ].join('\n');
}

const MEMLAB = 'memlab load';

export function report(host: string, inputs: readonly Input[], rows: readonly Row[], checks: readonly string[], reps: number, startup: Startup): string {
  const out = [`## Machine\n\n${host}\n`, `## Wall time and memory (${reps} runs each unless marked)\n`];
  out.push('| file | size | nodes | edges | tool | wall s, median (min-max) | x node -e 0 | MB/s | peak RSS | RSS/file | vs memlab load |');
  out.push('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const { input } = r;
    const head = `| ${input.label} (${input.producer}) | ${formatBytes(input.bytes)} | ${(input.nodes / 1e6).toFixed(2)} M | ${(input.edges / 1e6).toFixed(2)} M | ${r.tool} |`;
    if (r.runs.length === 0) {
      out.push(`${head} ${r.note ?? 'not run'} | | | | | |`);
      continue;
    }
    const walls = r.runs.map((m) => m.wallMs);
    const wall = median(walls);
    const rss = Math.max(...r.runs.map((m) => m.peakRss));
    const memlab = rows.find((x) => x.input === input && x.tool === MEMLAB && x.runs.length > 0);
    const ratio = memlab ? `${(median(memlab.runs.map((m) => m.wallMs)) / wall).toFixed(1)}x faster` : 'no memlab run';
    const note = r.note ? ` (then ${r.note})` : '';
    const spread = walls.length > 1 ? ` (${seconds(Math.min(...walls))}-${seconds(Math.max(...walls))})` : ' (1 run)';
    out.push(`${head} ${seconds(wall)}${spread}${note} | ${(wall / startup.medianMs).toFixed(1)} | ${(input.bytes / 1e6 / (wall / 1000)).toFixed(0)} | ${formatBytes(rss)} | ${(rss / input.bytes).toFixed(2)} | ${r.tool === MEMLAB ? '1x' : ratio} |`);
  }
  out.push(
    '',
    '`x node -e 0`: this row\'s median wall time in units of `node -e 0` (Machine, above). `vs memlab load`: memlab\'s median wall time divided by this row\'s.',
    'Both ratios, and RSS/file, hold on a slower machine where seconds do not. The CLI row is the whole `backrefs FILE --type CLASS --depth 10 -o out.dot`',
    '(CLASS is `Test` in the bench\'s own heap, the shape\'s class in the others: Inputs); the reader row is `loadSnapshot` alone (the retainer index is built while loading).',
    '',
  );
  const shapes = inputs.flatMap((i) => {
    const s = shapeOf(i.label);
    return s ? [`- ${i.label}: \`--type ${s.shape.target}\`; ${s.shape.what} (COUNT ${s.shape.counts[s.size]})`] : [];
  });
  if (shapes.length) out.push('Heaps of other shapes (bench/generate-shapes.ts):\n', ...shapes, '');
  out.push(...phaseTable(rows), ...classNameTable(rows), '## Checks\n', ...checks.map((c) => `- ${c}`), '');
  const made = inputs.filter((i) => i.madeIn).map((i) => `- ${i.label}: ${i.madeIn}`);
  if (made.length) out.push('## Inputs made in this run\n', ...made, '');
  return `${out.join('\n')}\n`;
}

/**
 * The CLI's own `--timings`, so the query after loading is seen apart from the load; and the
 * reader's two phases (parse, retainer index) from its JSON line.
 */
function phaseTable(rows: readonly Row[]): string[] {
  const out: string[] = [];
  const cli = rows.filter((r) => r.tool === 'backrefs CLI' && r.runs.length > 0);
  const perRow = cli.map((r) => ({ r, timings: r.runs.map((m) => parseTimings(m.stderr)) }));
  const phases = [...new Set(perRow.flatMap((x) => x.timings.flatMap((t) => [...t.keys()])))];
  if (phases.length === 0) out.push('## Phases of the CLI\n', 'No CLI run printed `--timings` lines: phases not measured.', '');
  else {
    out.push('## Phases of the CLI (`--timings`, median ms)\n', `| file | ${phases.join(' | ')} | query (all but load) | query / load |`, `|---|${phases.map(() => '---:|').join('')}---:|---:|`);
    for (const { r, timings } of perRow) {
      const med = phases.map((p) => median(timings.map((t) => t.get(p) ?? 0)));
      const query = median(timings.map((t) => [...t].filter(([p]) => p !== 'load').reduce((s, [, ms]) => s + ms, 0)));
      const load = median(timings.map((t) => t.get('load') ?? 0));
      out.push(`| ${r.input.label} | ${med.map((ms) => ms.toFixed(0)).join(' | ')} | ${query.toFixed(0)} | ${load > 0 ? (query / load).toFixed(3) : '—'} |`);
    }
    out.push('');
  }
  const reader = rows.filter((r) => r.tool === 'backrefs reader' && r.runs.length > 0);
  if (reader.length > 0) {
    out.push('## The reader alone (median ms)\n', '| file | loadSnapshot | MB/s |', '|---|---:|---:|');
    for (const r of reader) {
      const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number });
      const load = median(parsed.map((p) => p.loadMs));
      out.push(`| ${r.input.label} | ${load.toFixed(0)} | ${(r.input.bytes / 1e6 / (load / 1000)).toFixed(0)} |`);
    }
    out.push('');
  }
  const dist = rows.filter((r) => r.tool === 'backrefs distances' && r.runs.length > 0);
  if (dist.length > 0) {
    out.push('## Distances from the roots (median ms; the default picture needs them)\n', '| file | loadSnapshot | distances | load + distances vs load |', '|---|---:|---:|---:|');
    for (const r of dist) {
      const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number; distancesMs: number });
      const load = median(parsed.map((p) => p.loadMs));
      const d = median(parsed.map((p) => p.distancesMs));
      out.push(`| ${r.input.label} | ${load.toFixed(0)} | ${d.toFixed(0)} | +${((d / load) * 100).toFixed(0)}% |`);
    }
    out.push('');
  }
  const grow = rows.filter((r) => r.tool === 'backrefs growth' && r.runs.length > 0);
  if (grow.length > 0) {
    out.push(
      '## Growth between two snapshots (`growth OLD NEW`, the file given as both; median ms)\n',
      '| file | read OLD | summarise | read NEW | count + compare | id set kept | peak RSS | RSS/file | toolkit diff() wall | toolkit peak RSS | wall vs toolkit |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of grow) {
      const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadOldMs: number; summarizeMs: number; loadNewMs: number; growthMs: number; keptIdBytes: number });
      const med = (k: 'loadOldMs' | 'summarizeMs' | 'loadNewMs' | 'growthMs'): string => median(parsed.map((p) => p[k])).toFixed(0);
      const rss = Math.max(...r.runs.map((m) => m.peakRss));
      const peer = rows.find((x) => x.input === r.input && x.tool === 'toolkit diff');
      const wall = median(r.runs.map((m) => m.wallMs));
      const peerCells = peer && peer.runs.length > 0 ? [seconds(median(peer.runs.map((m) => m.wallMs))), formatBytes(Math.max(...peer.runs.map((m) => m.peakRss))), `${(median(peer.runs.map((m) => m.wallMs)) / wall).toFixed(1)}x faster`] : [peer?.note ?? 'not run', '', ''];
      out.push(`| ${r.input.label} | ${med('loadOldMs')} | ${med('summarizeMs')} | ${med('loadNewMs')} | ${med('growthMs')} | ${formatBytes(parsed[0]!.keptIdBytes)} | ${formatBytes(rss)} | ${(rss / r.input.bytes).toFixed(2)} | ${peerCells.join(' | ')} |`);
    }
    out.push('');
  }
  return [...out, ...retainedTable(rows), ...chainTable(rows), ...dotTable(rows)];
}

/** The biggest breadth-first picture of each file and its DOT, from bench/backrefs-dot.ts's JSON line. */
function dotTable(rows: readonly Row[]): string[] {
  const timed = rows.filter((r) => r.tool === 'backrefs dot' && r.runs.length > 0);
  if (timed.length === 0) return [];
  const out = ['## A million-target picture and its DOT (`--walk bfs --max-targets 1000000`, median ms)\n', '| file | nodes | edges | load | walk | DOT written | DOT size | µs a node | peak RSS |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of timed) {
    const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { nodes: number; edges: number; loadMs: number; walkMs: number; dotMs: number; bytes: number });
    const med = (f: (p: (typeof parsed)[number]) => number): number => median(parsed.map(f));
    const p = parsed[0]!;
    out.push(`| ${r.input.label} | ${p.nodes} | ${p.edges} | ${med((x) => x.loadMs).toFixed(0)} | ${med((x) => x.walkMs).toFixed(0)} | ${med((x) => x.dotMs).toFixed(0)} | ${formatBytes(p.bytes)} | ${((med((x) => x.dotMs) * 1000) / p.nodes).toFixed(2)} | ${formatBytes(Math.max(...r.runs.map((m) => m.peakRss)))} |`);
  }
  out.push('');
  return out;
}

/**
 * The class-name passes (object shapes, detached natives) beside DevTools' load, which runs the
 * same passes as part of loading: what naming classes as DevTools does costs here, as a share of
 * what DevTools' load costs in all.
 */
function classNameTable(rows: readonly Row[]): string[] {
  const shapes = rows.filter((r) => r.tool === 'backrefs shapes' && r.runs.length > 0);
  if (shapes.length === 0) return [];
  const out = ['## Class names as DevTools gives them (median ms)\n', '| file | plain objects | shapes | load | shapes pass | detached natives | classCounts (objects) | DevTools load (includes both passes) | shapes pass / DevTools load | load + passes vs DevTools load |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of shapes) {
    const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number; shapesMs: number; detachedMs: number; classCountsMs: number; shapes: number; plainObjects: number });
    const pick = (f: (p: (typeof parsed)[number]) => number): number => median(parsed.map(f));
    const devtools = rows.find((x) => x.input === r.input && x.tool === 'devtools load' && x.runs.length > 0);
    const dt = devtools ? median(devtools.runs.map((m) => (JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number }).loadMs)) : undefined;
    const ours = pick((p) => p.loadMs + p.shapesMs + p.detachedMs);
    const share = dt === undefined ? 'no DevTools run' : `${((pick((p) => p.shapesMs) / dt) * 100).toFixed(2)}%`;
    const vs = dt === undefined ? 'no DevTools run' : `${(dt / ours).toFixed(1)}x faster`;
    out.push(`| ${r.input.label} | ${parsed[0]!.plainObjects} | ${parsed[0]!.shapes} | ${pick((p) => p.loadMs).toFixed(0)} | ${pick((p) => p.shapesMs).toFixed(1)} | ${pick((p) => p.detachedMs).toFixed(1)} | ${pick((p) => p.classCountsMs).toFixed(0)} | ${dt === undefined ? '-' : dt.toFixed(0)} | ${share} | ${vs} |`);
  }
  out.push('');
  return out;
}

/** Load and paths apart, from the JSON line of each path tool: `chain`'s analysis and memlab's path finder. */
function chainTable(rows: readonly Row[]): string[] {
  const timed = rows.filter((r) => ['backrefs chain', 'memlab chain'].includes(r.tool) && r.runs.length > 0);
  if (timed.length === 0) return [];
  type Paths = { loadMs: number; pathsMs: number; targets: number; withPath: number };
  const parsed = (r: Row) => r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as Paths);
  const total = (r: Row) => median(parsed(r).map((p) => p.loadMs + p.pathsMs));
  const out = ['## A path from a root to every target (median ms)\n', '| file | tool | load | paths | total | targets | with a path | vs backrefs |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of timed) {
    const p = parsed(r);
    const ours = timed.find((x) => x.input === r.input && x.tool === 'backrefs chain');
    const ratio = ours ? `${(total(r) / total(ours)).toFixed(1)}x` : '';
    out.push(`| ${r.input.label} | ${r.tool} | ${median(p.map((x) => x.loadMs)).toFixed(0)} | ${median(p.map((x) => x.pathsMs)).toFixed(0)} | ${total(r).toFixed(0)} | ${p[0]!.targets} | ${p[0]!.withPath} | ${ratio} |`);
  }
  out.push('', "`paths`: backrefs' distances and one climb a target (what `backrefs chain --type CLASS` does before printing); memlab's path finder (a search over the whole heap) and `getPathToGCRoots` a target, as `memlab trace` finds one. `vs backrefs`: this row's total divided by backrefs'.", '');
  return out;
}

/** Load and dominator step apart, from the JSON line of each retained-size tool; DevTools does both in its load. */
function retainedTable(rows: readonly Row[]): string[] {
  const timed = rows.filter((r) => ['backrefs retained', 'devtools load', 'memlab retained'].includes(r.tool) && r.runs.length > 0);
  if (timed.length === 0) return [];
  const out = ['## Dominators and retained sizes (median ms)\n', '| file | tool | load | dominators + retained sizes | total | total retained (bytes) | vs backrefs |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const r of timed) {
    const parsed = r.runs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number; dominatorsMs?: number; totalRetained: number });
    const load = median(parsed.map((p) => p.loadMs));
    const dom = parsed[0]!.dominatorsMs === undefined ? undefined : median(parsed.map((p) => p.dominatorsMs!));
    const total = load + (dom ?? 0);
    const ours = timed.find((x) => x.input === r.input && x.tool === 'backrefs retained');
    const oursTotal = ours ? median(ours.runs.map((m) => { const p = JSON.parse(m.stdout.trim().split('\n').pop()!) as { loadMs: number; dominatorsMs: number }; return p.loadMs + p.dominatorsMs; })) : undefined;
    const ratio = oursTotal === undefined ? '' : `${(total / oursTotal).toFixed(1)}x`;
    out.push(`| ${r.input.label} | ${r.tool} | ${load.toFixed(0)} | ${dom === undefined ? 'in load' : dom.toFixed(0)} | ${total.toFixed(0)} | ${parsed[0]!.totalRetained} | ${ratio} |`);
  }
  out.push('', '`vs backrefs`: this row\'s total time divided by backrefs\'. DevTools\' parse computes dominators and retained sizes inside its load.', '');
  return out;
}
