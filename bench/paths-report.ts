/**
 * For every real scenario: memlab's shortest path from a root to each target (what `memlab trace`
 * prints), grouped into distinct paths, beside what today's default `backrefs` picture draws for
 * the same question. A reproducible report for comparing `backrefs chain` with memlab:
 *
 *   npx tsc -p . && node dist/bench/paths-report.js [SCENARIO ...]
 */
import { spawn } from 'node:child_process';
import { loadSnapshot } from '../src/index.js';
import { devtoolsDistances } from '../test/helpers/devtools.js';
import { loadMemlab, memlabObjectIds, memlabPaths, memlabPathText, type PathStep } from '../test/helpers/memlab-paths.js';
import { CLI } from '../test/helpers/paths.js';
import { QUESTIONS, scenarioSnapshot, type Question } from '../test/helpers/scenarios.js';

interface Drawn {
  nodes: { id: number; name: string; role: string; depth: number }[];
  more: { count: number }[];
  edges: { name: string | number; type: string; inCycle: boolean }[];
}

const only = new Set(process.argv.slice(2));
const asked = QUESTIONS.filter((q) => only.size === 0 || only.has(q.scenario));
for (const q of asked) await report(q);

async function report(q: Question): Promise<void> {
  const file = await scenarioSnapshot(q.scenario);
  const heap = await loadMemlab(file);
  // DevTools' distance of each example target, to set beside memlab's path length: memlab counts
  // hops from the snapshot's root (distance 0), DevTools from its children (the globals: 1).
  const [dist, snap] = await Promise.all([devtoolsDistances(file), loadSnapshot(file)]);
  const ordinalOf = new Map<number, number>();
  for (let o = 0; o < snap.nodeCount; o++) ordinalOf.set(snap.nodeId(o), o);
  const ids = memlabObjectIds(heap, q.type);
  const paths = memlabPaths(heap, ids);
  const groups = new Map<string, { ids: number[]; steps: PathStep[] | null }>();
  for (const id of ids) {
    const steps = paths.get(id) ?? null;
    // Index edges (array slots, hash-table slots) differ between otherwise equal paths.
    const key = steps === null ? 'no path' : steps.map((s) => `${s.fromName} --${s.edgeType}:${typeof s.edgeName === 'number' || /^\d+$/.test(s.edgeName) ? '#' : s.edgeName}-->`).join(' ');
    const g = groups.get(key) ?? { ids: [], steps };
    g.ids.push(id);
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.ids.length - a.ids.length);
  const lengths = ids.map((id) => paths.get(id)?.length ?? -1).filter((n) => n >= 0);
  print(`## ${q.scenario}: --type ${q.type} (holders to name: ${q.holders.join(', ')})`);
  print(`${ids.length} targets; memlab path length ${Math.min(...lengths)}-${Math.max(...lengths)} hops; ${groups.size} distinct paths (by node names and edge names, indexes aside)`);
  for (const [i, g] of sorted.slice(0, 3).entries()) {
    const named = q.holders.filter((h) => g.steps?.some((s) => String(s.edgeName) === h));
    const d = dist[ordinalOf.get(g.ids[0]!)!];
    print(
      `### path ${i + 1}: ${g.ids.length} target(s), e.g. @${g.ids[0]} (${g.steps?.length ?? '-'} hops; DevTools distance ${d}); ` +
        `names ${named.length ? named.join(', ') : 'none of the holders'}`,
    );
    print(memlabPathText(heap, g.ids[0]!).trimEnd());
  }
  if (sorted.length > 3) print(`(${sorted.length - 3} more distinct paths, ${sorted.slice(3).reduce((n, g) => n + g.ids.length, 0)} targets)`);
  const drawn = JSON.parse(await cli([file, '--type', q.type, '-f', 'json'])) as Drawn;
  const names = new Set(drawn.edges.map((e) => String(e.name)));
  const cycles = drawn.edges.filter((e) => e.inCycle).length;
  const hidden = drawn.more.reduce((n, m) => n + m.count, 0);
  print(`### today's default picture (backrefs SNAP --type ${q.type})`);
  print(
    `${drawn.nodes.length} nodes + ${drawn.more.length} "more" boxes (${hidden} retainers folded), ${drawn.edges.length} edges, ${cycles} marked as cycle; ` +
      `holders drawn: ${q.holders.map((h) => `${h} ${names.has(h) ? 'yes' : 'NO'}`).join(', ')}; ` +
      `roots reached: ${drawn.nodes.filter((n) => n.role === 'root' || n.role === 'global').length}`,
  );
  print('');
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`backrefs ${args.join(' ')}: ${err}`))));
  });
}
