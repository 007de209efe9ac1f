import { resolve } from 'node:path';
import { text, texts, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { annotateGraph } from '../annotate.js';
import { OUTPUT_OPTIONS, TARGET_OPTIONS } from '../common-options.js';
import type { OutputData } from '../write.js';

/** DevTools' dominator tree, down to the targets: the objects that alone keep each one alive. */
export const command: Command = {
  name: 'dominators',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    ...TARGET_OPTIONS,
    'max-targets': { type: 'number', default: 20, describe: 'explain at most this many targets (all are counted)' },
    ...OUTPUT_OPTIONS,
  },
  examples: [
    ['backrefs dominators app.heapsnapshot --type Session', 'the chains as text, with what each step retains'],
    ['backrefs dominators app.heapsnapshot --id @12345 -o dom.svg', 'one chain, drawn'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { selectTargets }, { encodeGraph }, { summaryStream, writeOutput }] = await Promise.all([import('../load.js'), import('../select-targets.js'), import('../encode.js'), import('../write.js')]);
  const { note, clock, output, format } = reportSetup(args, io);
  const toFile = output !== undefined;
  const { snap, name } = await loadForCli(text(args, 'snapshot'), io, note);
  clock('load');
  const { targets, found } = selectTargets(snap, { type: texts(args, 'type'), id: texts(args, 'id'), nodeType: texts(args, 'node-type'), limit: wholeNumber(args, 'max-targets') ?? 20 }, name, note);
  const { dominatorChain, retainedSize } = await import('../../analysis/retained-sizes.js');
  const chains = targets.map((t) => dominatorChain(snap, t));
  clock('dominators');
  let data: OutputData;
  if (format === 'text') {
    // Targets with the same immediate dominator share the rest of the chain: one block for them.
    const groups = new Map<number, { chain: number[]; targets: number[] }>();
    for (const c of chains) {
      const up = c[c.length - 2] ?? c[0]!;
      const g = groups.get(up);
      if (g) g.targets.push(c[c.length - 1]!);
      else groups.set(up, { chain: c.slice(0, -1), targets: [c[c.length - 1]!] });
    }
    const { dominatorsText } = await import('../../output/dominators-text.js');
    data = dominatorsText(snap, [...groups.values()], (o) => retainedSize(snap, o));
  } else {
    const { dominatorGraph } = await import('../../graph/dominator-graph.js');
    // Its boxes carry their retained sizes already; allocation sites when the snapshot has them.
    const graph = await annotateGraph(snap, dominatorGraph(snap, chains), { retained: false, clock });
    data = await encodeGraph(graph, format, { highlight: () => false, color: false });
  }
  if (toFile) {
    await writeOutput(io, resolve(io.cwd, output), data);
    note(found);
    summaryStream(io, output).write(`Dominators written to ${output}\n`);
  } else {
    await writeOutput(io, undefined, data);
    note(found);
  }
  clock('write');
}
