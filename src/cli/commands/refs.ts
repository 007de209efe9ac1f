import type { RetainerGraph } from '../../graph/types.js';
import { flag, texts, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { OUTPUT_OPTIONS, TARGET_OPTIONS } from '../common-options.js';
import { CliError } from '../errors.js';
import { timer } from '../timer.js';

/** objgraph's show_refs: what the targets hold, the biggest first. */
export const command: Command = {
  name: 'refs',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    ...TARGET_OPTIONS,
    depth: { alias: 'd', type: 'number', default: 3, describe: 'how many levels of references to follow' },
    'max-nodes': { type: 'number', default: 40, describe: 'draw at most about this many boxes, the biggest first; the rest is counted in the box that holds it' },
    individual: { type: 'boolean', default: false, describe: 'one box per object: no grouping of objects held the same way' },
    'max-targets': { type: 'number', describe: 'start from at most this many matches (default: all, grouped; 10 with --individual)' },
    'too-many': { type: 'number', default: 10, describe: 'past this many boxes below one box, count the rest in it ("+K more references")' },
    'include-weak': { type: 'boolean', default: false, describe: 'also follow weak edges (drawn dashed)' },
    ignore: { type: 'string', array: true, default: [], describe: 'leave out a class or a node (@id), and what only it holds (repeatable)' },
    highlight: { type: 'string', array: true, default: [], describe: 'colour the nodes of this class (repeatable)' },
    ...OUTPUT_OPTIONS,
    view: { type: 'boolean', default: false, describe: 'open the graph in xdot' },
  },
  examples: [
    ['backrefs refs app.heapsnapshot --type Store -o refs.svg', 'what every Store holds, three levels down, drawn'],
    ['backrefs refs app.heapsnapshot --id @12345 -f text', 'what one object holds, as a tree on the terminal'],
    ['backrefs refs app.heapsnapshot -t Cache --depth 5 --max-nodes 80 -o refs.json', 'deeper and wider, as JSON with retained sizes'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { selectTargets }, { deliverGraph, drawingTarget }] = await Promise.all([import('../load.js'), import('../select-targets.js'), import('../drawing.js')]);
  const note = (line: string) => io.stderr.write(`${line}\n`);
  const clock = timer(flag(args, 'timings') ? note : undefined);
  const individual = flag(args, 'individual');
  const maxTargets = wholeNumber(args, 'max-targets') ?? (individual ? 10 : Infinity);
  if (maxTargets === 0) throw new CliError('--max-targets 0 would draw nothing: give at least 1');
  const target = drawingTarget(args);

  const { snap, name } = await loadForCli(target.snapshotPath, io, note);
  clock('load');
  const { targets, total, found } = selectTargets(snap, { type: texts(args, 'type'), id: texts(args, 'id'), nodeType: texts(args, 'node-type'), limit: maxTargets }, name, note);
  clock('select');
  const { refsGraph } = await import('../../graph/refs.js');
  const graph = refsGraph(snap, targets, {
    maxDepth: wholeNumber(args, 'depth')!,
    tooMany: wholeNumber(args, 'too-many')!,
    maxNodes: wholeNumber(args, 'max-nodes')!,
    group: !individual,
    includeWeak: flag(args, 'include-weak'),
    ignore: texts(args, 'ignore'),
  });
  clock('walk');
  await deliverGraph(graph, target, { args, io, summary: summarize(graph, total, targets.length, found), note, clock });
  clock('write');
}

/** One line: what was found, and what the budget left out with how to see it. */
function summarize(graph: RetainerGraph, total: number, collected: number, found: string): string {
  const parts = [`Found ${found}`];
  if (collected < total) parts.push(`starting from ${collected} (${total - collected} left out: raise --max-targets)`);
  const left = graph.omitted?.nodes ?? 0;
  if (left > 0) parts.push(`${left} more boxes left out, the smallest: raise --max-nodes to draw them`);
  return parts.join('; ');
}
