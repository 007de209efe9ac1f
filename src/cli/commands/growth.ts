import { jsonText } from '../../output/escape.js';
import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { CliError } from '../errors.js';

/** objgraph's show_growth between two snapshot files. */
export const command: Command = {
  name: 'growth',
  positionals: [
    { name: 'old', describe: 'the earlier snapshot', required: true },
    { name: 'new', describe: 'the later snapshot', required: true },
  ],
  options: {
    limit: { type: 'number', alias: 'n', default: 10, describe: 'how many classes (0: all that grew)' },
    format: { type: 'string', alias: 'f', choices: ['text', 'json'], describe: "show_growth's columns, or JSON (default: from the -o extension, else text)" },
    output: { type: 'string', alias: 'o', describe: 'write to FILE (.txt or .json); - for stdout' },
  },
  examples: [['backrefs growth before.heapsnapshot after.heapsnapshot', 'Test  1061000  +1060000  +42.4 MB']],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, output, format } = reportSetup(args, io, 'growth');
  const [oldPath, newPath] = [text(args, 'old'), text(args, 'new')];
  if (oldPath === undefined || newPath === undefined) throw new CliError('growth needs two snapshots: backrefs growth OLD NEW');
  const limit = wholeNumber(args, 'limit') ?? 10;
  const { summarize, growth } = await import('../../analysis/diff.js');
  // The first snapshot is summarised and dropped before the second is read: one file in memory at a time.
  const before = summarize((await loadForCli(oldPath, io, note)).snap);
  const { snap } = await loadForCli(newPath, io, note);
  const rows = growth(before, snap, limit === 0 ? {} : { limit });
  const data = format === 'json' ? `${jsonText({ growth: rows }, 2)}\n` : (await import('../../output/tables.js')).growthTable(rows) || 'No class grew.\n';
  await writeOutput(io, output === undefined ? undefined : resolve(io.cwd, output), data);
}
