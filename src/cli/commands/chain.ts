import { resolve } from 'node:path';
import type { GraphNode } from '../../graph/types.js';
import { flag, text, texts } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { annotateGraph, mayHaveTraces } from '../annotate.js';
import { OUTPUT_OPTIONS, RETAINED_OPTIONS, TARGET_OPTIONS } from '../common-options.js';
import type { OutputData } from '../write.js';

/** objgraph's find_backref_chain + show_chain, memlab's trace. */
export const command: Command = {
  name: 'chain',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: { ...TARGET_OPTIONS, ...RETAINED_OPTIONS, ...OUTPUT_OPTIONS },
  examples: [
    ['backrefs chain app.heapsnapshot --type Session', 'the paths as text traces'],
    ['backrefs chain app.heapsnapshot --id @12345 -o path.svg', 'one path, drawn'],
    ['backrefs chain app.heapsnapshot --type Session --retained', 'with what each step would free'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { selectTargets }, { encodeGraph }, { summaryStream, writeOutput }] = await Promise.all([import('../load.js'), import('../select-targets.js'), import('../encode.js'), import('../write.js')]);
  const { note, clock, output, format } = reportSetup(args, io);
  const toFile = output !== undefined;
  const { snap, name } = await loadForCli(text(args, 'snapshot'), io, note);
  clock('load');
  const types = texts(args, 'type');
  const { targets, found } = selectTargets(snap, { type: types, id: texts(args, 'id'), nodeType: texts(args, 'node-type'), limit: Infinity }, name, note);
  const { chains } = await import('../../graph/chain.js');
  const { groups, unreachable } = chains(snap, targets);
  clock('chain');
  const retained = flag(args, 'retained');
  let data: OutputData;
  if (format === 'text') {
    const { chainText } = await import('../../output/chain-text.js');
    // The steps' retained sizes and allocation sites, read from the boxes the drawing would have.
    let boxes: ReadonlyMap<number, GraphNode> | undefined;
    if (retained || mayHaveTraces(snap)) {
      const { chainGraph } = await import('../../graph/chain-graph.js');
      boxes = new Map((await annotateGraph(snap, chainGraph(snap, groups), { retained, clock })).nodes.map((n) => [n.ordinal, n]));
    }
    data = chainText(snap, groups, unreachable, types.join('/') || 'target', boxes);
  } else {
    const { chainGraph } = await import('../../graph/chain-graph.js');
    const graph = await annotateGraph(snap, chainGraph(snap, groups), { retained, clock });
    data = await encodeGraph(graph, format, { highlight: () => false, color: false });
  }
  const summary = `Found ${found}: ${groups.length} distinct path${groups.length === 1 ? '' : 's'}${unreachable.length ? `, ${unreachable.length} unreachable` : ''}`;
  if (toFile) {
    await writeOutput(io, resolve(io.cwd, output), data);
    note(summary);
    summaryStream(io, output).write(`Paths written to ${output}\n`);
  } else {
    await writeOutput(io, undefined, data);
    note(summary);
  }
  clock('write');
}
