import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';

/** DevTools' "Duplicated strings" filter, as a table. */
export const command: Command = {
  name: 'strings',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    limit: { alias: 'n', type: 'number', default: 20, describe: 'how many texts to list (all are counted)' },
    output: { alias: 'o', type: 'string', describe: 'write to FILE (.txt or .json); - for stdout' },
    format: { alias: 'f', choices: ['text', 'json'], describe: 'output format (default: from the -o extension)' },
    timings: { type: 'boolean', default: false, describe: 'print how long each phase took, on stderr' },
  },
  examples: [
    ['backrefs strings app.heapsnapshot', 'the 20 texts that waste most'],
    ['backrefs strings app.heapsnapshot -n 0 -o strings.json', 'every duplicated text, with the ids of its copies'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { summaryStream, writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, clock, output, format } = reportSetup(args, io, 'strings');
  const toFile = output !== undefined;
  const limit = wholeNumber(args, 'limit') ?? 20;
  const { snap } = await loadForCli(text(args, 'snapshot'), io, note);
  clock('load');
  const { duplicateStrings } = await import('../../analysis/duplicate-strings.js');
  const groups = duplicateStrings(snap);
  clock('strings');
  const shown = limit === 0 ? groups.length : Math.min(limit, groups.length);
  const { stringsText, stringsJson } = await import('../../output/strings-text.js');
  const data = format === 'json' ? stringsJson(snap, groups, shown) : stringsText(groups, shown);
  await writeOutput(io, toFile ? resolve(io.cwd, output) : undefined, data);
  if (toFile) summaryStream(io, output).write(`Duplicated strings written to ${output}\n`);
  clock('write');
}
