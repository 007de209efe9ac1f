import type { RetainerGraph } from '../../graph/types.js';
import type { HeapSnapshot } from '../../snapshot/heap-snapshot.js';
import { flag, text, texts, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { annotateGraph } from '../annotate.js';
import { OUTPUT_OPTIONS, RETAINED_OPTIONS, TARGET_OPTIONS } from '../common-options.js';
import { CliError } from '../errors.js';
import { timer } from '../timer.js';

const OPTIONS = {
  ...TARGET_OPTIONS,
  depth: { alias: 'd', type: 'number', default: 10, describe: 'how many levels of retainers to follow' },
  walk: { choices: ['why', 'bfs'], default: 'why', describe: "why: toward the roots, guided by distance (default); bfs: objgraph's walk of every retainer" },
  'max-nodes': { type: 'number', default: 40, describe: 'draw at most about this many boxes; the CLI says what was left out' },
  individual: { type: 'boolean', default: false, describe: 'one box per object: no grouping of objects held the same way' },
  'max-targets': { type: 'number', describe: 'draw at most this many matches (default: all, grouped; 10 with --individual or --walk bfs)' },
  'too-many': { type: 'number', default: 10, describe: 'past this many retainers of one node, draw one "K more retainers" box' },
  cycles: { type: 'boolean', default: false, describe: 'list every reference cycle of the drawn graph, with its nodes' },
  raw: { type: 'boolean', default: false, describe: 'every edge as V8 recorded it: no noise rules, no collapsing (implies --walk bfs)' },
  'include-weak': { type: 'boolean', default: false, describe: 'also follow weak edges (drawn dashed)' },
  ignore: { type: 'string', array: true, default: [], describe: 'leave out a class or a node (@id), and what only it retains (repeatable)' },
  highlight: { type: 'string', array: true, default: [], describe: 'colour the nodes of this class (repeatable)' },
  ...RETAINED_OPTIONS,
  ...OUTPUT_OPTIONS,
  view: { type: 'boolean', default: false, describe: 'open the graph in xdot' },
  'snapshot-on': { type: 'string', describe: 'with -- node app.js: take the snapshot when the program gets this signal (e.g. SIGUSR2), not when it exits' },
  save: { type: 'string', describe: 'with -- node app.js: keep the snapshot in FILE' },
  since: { type: 'string', describe: 'an older snapshot of the same process: explain only the objects it did not have (objgraph get_new_ids)' },
} as const;

/** The main job, and the default command: why are these objects alive? */
export const command: Command = {
  name: 'why',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: OPTIONS,
  examples: [
    ['backrefs app.heapsnapshot --type Test -o out.dot', 'the graph of every Test; then: xdot out.dot'],
    ['backrefs app.heapsnapshot --type Test --view', 'draw it and open it in xdot'],
    ['backrefs app.heapsnapshot --id @12345 -o why.svg', 'one object, as SVG (no Graphviz needed)'],
    ['backrefs app.heapsnapshot -t Session -f text', 'the retainer tree on the terminal'],
    ['backrefs app.heapsnapshot -t Session --walk bfs --depth 3', "objgraph's picture: every retainer, three levels up"],
    ['backrefs app.heapsnapshot -t Session --retained -o out.svg', 'with what each box would free (retained size)'],
    ['backrefs after.heapsnapshot -t Session --since before.heapsnapshot -o new.dot', 'only the Sessions made between the two snapshots'],
    ['backrefs -t Session -o out.dot -- node app.js', 'run the program, snapshot it when it exits, then draw'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { selectTargets }, { deliverGraph, drawingTarget }] = await Promise.all([import('../load.js'), import('../select-targets.js'), import('../drawing.js')]);
  const note = (line: string) => io.stderr.write(`${line}\n`);
  const clock = timer(flag(args, 'timings') ? note : undefined);
  const raw = flag(args, 'raw');
  const walk = raw ? 'bfs' : (text(args, 'walk') as 'why' | 'bfs');
  const individual = flag(args, 'individual');
  const depth = wholeNumber(args, 'depth')!;
  const tooMany = wholeNumber(args, 'too-many')!;
  const maxNodes = wholeNumber(args, 'max-nodes')!;
  const maxTargets = wholeNumber(args, 'max-targets') ?? (walk === 'why' && !individual ? Infinity : 10);
  if (maxTargets === 0) throw new CliError('--max-targets 0 would draw nothing: give at least 1');
  const target = drawingTarget(args);
  const { snapshotPath, toFile } = target;

  const script = texts(args, 'script');
  const save = text(args, 'save');
  if (save !== undefined) await checkSave(save, script, target, io);
  const since = text(args, 'since');
  // The older snapshot is read first and kept only as its ids: both are never in memory at once.
  const before = since === undefined ? undefined : await loadSummary(since, io, note);
  if (script.length > 0 && snapshotPath !== undefined) throw new CliError(`give a SNAPSHOT or a program after --, not both (${snapshotPath} and ${script.join(' ')})`);
  const { snap, name } = script.length > 0 ? await runProgram(script, args, io) : await loadForCli(snapshotPath, io, note);
  clock('load');
  const query = { type: texts(args, 'type'), id: texts(args, 'id'), nodeType: texts(args, 'node-type') };
  let { targets, total, found } = selectTargets(snap, { ...query, limit: before ? Infinity : maxTargets }, name, note);
  if (before) {
    const { checkIds, newSince } = await import('../../analysis/diff.js');
    const check = checkIds(before, snap);
    if (!check.comparable) throw new CliError(check.warning ?? `${since} and ${name} are not snapshots of one process`);
    if (check.warning) note(`warning: ${check.warning}`);
    const fresh = newSince(before, snap, targets);
    if (fresh.length === 0) throw new CliError(`${found}, but none is new since ${since}: all were there already`);
    found = `${fresh.length} new of ${found} (not in ${since})`;
    total = fresh.length;
    targets = fresh.slice(0, maxTargets);
  }
  clock('select');
  const walkOptions = { maxDepth: depth, tooMany, raw, includeWeak: flag(args, 'include-weak'), ignore: texts(args, 'ignore') };
  let graph: RetainerGraph;
  if (walk === 'bfs') graph = (await import('../../graph/walk.js')).retainerGraph(snap, targets, walkOptions);
  else graph = (await import('../../graph/why.js')).whyGraph(snap, targets, { ...walkOptions, maxNodes, group: !individual });
  clock('walk');
  graph = await annotateGraph(snap, graph, { retained: flag(args, 'retained'), clock });
  await deliverGraph(graph, target, { args, io, summary: summarize(graph, total, targets.length, found), note, clock });
  if (flag(args, 'cycles')) {
    const { cycleLines } = await import('../../output/cycles-text.js');
    (toFile ? io.stdout : io.stderr).write(cycleLines(graph));
  }
  clock('write');
}

/** `-- node app.js`: runs it with a preload that snapshots it at exit (or on --snapshot-on), and reads that. */
async function runProgram(script: readonly string[], args: Readonly<Record<string, unknown>>, io: CliIO): Promise<{ snap: HeapSnapshot; name: string }> {
  const [{ runScript }, { CaptureError }, { saveSnapshot }] = await Promise.all([import('../../live/run-script.js'), import('../../live/capture-pid.js'), import('../save-snapshot.js')]);
  const save = text(args, 'save');
  const keep = save === undefined ? undefined : (file: string) => saveSnapshot(io, save, file);
  try {
    const run = await runScript(script, { signal: text(args, 'snapshot-on') as NodeJS.Signals | undefined, ...(keep ? { keep } : {}) });
    return { snap: run.snapshot, name: save ?? `the snapshot of ${script.join(' ')}` };
  } catch (e) {
    if (e instanceof CaptureError) throw new CliError(e.message);
    throw e;
  }
}

/** --save, refused before the program runs (and before --since is read) where it could not be written. */
async function checkSave(save: string, script: readonly string[], target: { toFile: boolean; view: boolean }, io: CliIO): Promise<void> {
  if (script.length === 0) throw new CliError(`--save ${save} keeps the snapshot of a program run after --: give one like \`-- node app.js\``);
  if (save === '-' && !target.toFile && !target.view) throw new CliError('--save - and the graph would both go to standard output: give -o FILE or --save FILE');
  await (await import('../save-snapshot.js')).checkSavePath(io, save);
}

/** The older snapshot of --since, as what a diff needs of it. */
async function loadSummary(path: string, io: CliIO, note: (line: string) => void): Promise<import('../../analysis/diff.js').HeapSummary> {
  const [{ summarize }, { loadForCli }] = await Promise.all([import('../../analysis/diff.js'), import('../load.js')]);
  return summarize((await loadForCli(path, io, note)).snap);
}

/** One line: what was found, what is drawn, and what was left out with how to see it. */
function summarize(graph: RetainerGraph, total: number, collected: number, found: string): string {
  const parts = [`Found ${found}`];
  if (collected < total) parts.push(`drawing ${collected} (${total - collected} left out: raise --max-targets to draw more)`);
  const left = graph.omitted;
  if (left && left.nodes > 0) {
    const targets = left.targetGroups > 0 ? `, among them ${left.targetGroups} groups of targets (${left.targets} objects)` : '';
    parts.push(`${left.nodes} more boxes left out${targets}: --max-nodes ${graph.nodes.length + left.nodes} draws them`);
  }
  if (graph.unwalked) parts.push(`${graph.unwalked.targets} more held in ${graph.unwalked.groups} other ways, each by other objects, not drawn (backrefs chain lists every path)`);
  const stopped = graph.nodes.filter((n) => n.stopped && !n.stopped.at);
  if (stopped.length > 0) {
    const far = stopped.reduce((m, n) => Math.max(m, n.stopped!.hops), 0);
    parts.push(`--depth ${graph.maxDepth} stopped ${stopped.length} path${stopped.length === 1 ? '' : 's'} short of a root (up to ${far} more hops: raise --depth, or see backrefs chain)`);
  }
  return parts.join('; ');
}
