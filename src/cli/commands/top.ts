import { resolve } from 'node:path';
import { flag, text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { CliError } from '../errors.js';
import { visible } from '../../output/escape.js';

/** DevTools' retained sizes, largest first: where the memory is. */
export const command: Command = {
  name: 'top',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    limit: { alias: 'n', type: 'number', default: 20, describe: 'how many objects to list' },
    internal: { type: 'boolean', default: false, describe: "list V8's internal nodes too (hidden, array, code, object shape)" },
    output: { alias: 'o', type: 'string', describe: 'write to FILE (.txt or .json); - for stdout' },
    format: { alias: 'f', choices: ['text', 'json'], describe: 'output format (default: from the -o extension)' },
    timings: { type: 'boolean', default: false, describe: 'print how long each phase took, on stderr' },
  },
  examples: [
    ['backrefs top app.heapsnapshot', 'the 20 largest, as a table'],
    ['backrefs top app.heapsnapshot -n 100 -o top.json', 'the 100 largest as JSON'],
  ],
  run,
};

const INTERNAL = new Set(['hidden', 'array', 'code', 'object shape']);

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { summaryStream, writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, clock, output, format } = reportSetup(args, io, 'top');
  const toFile = output !== undefined;
  const limit = wholeNumber(args, 'limit') ?? 20;
  if (limit < 1) throw new CliError(`--limit ${limit} would list nothing: give 1 or more`);
  const { snap, name } = await loadForCli(text(args, 'snapshot'), io, note);
  clock('load');
  if (snap.nodeCount === 0) throw new CliError(`${visible(name)} holds no objects: nothing retains anything`);
  const { dominatorChain, largestRetained, retainedSize } = await import('../../analysis/retained-sizes.js');
  const internal = flag(args, 'internal');
  const skipped = new Set([...INTERNAL].map((t) => snap.meta.nodeTypes.indexOf(t)));
  const top = largestRetained(snap, limit, internal ? undefined : (o) => skipped.has(snap.nodeTypeIndex(o)));
  const total = retainedSize(snap, 0);
  const entries = top.map((o) => ({ ordinal: o, retainedSize: retainedSize(snap, o), share: total > 0 ? retainedSize(snap, o) / total : 0, chain: dominatorChain(snap, o).slice(0, -1) }));
  clock('retained sizes');
  const { topText, topJson } = await import('../../output/top-text.js');
  const data = format === 'json' ? topJson(snap, entries, total) : topText(snap, entries, total);
  await writeOutput(io, toFile ? resolve(io.cwd, output) : undefined, data);
  if (toFile) summaryStream(io, output).write(`Top ${entries.length} written to ${output}\n`);
  clock('write');
}
