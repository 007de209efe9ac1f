import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { loadForCli } from '../load.js';
import { writeOutput } from '../write.js';

/** objgraph's show_most_common_types / typestats. */
export const command: Command = {
  name: 'types',
  summary: 'the most common classes, with count and total self size (objgraph show_most_common_types)',
  usage: '[SNAPSHOT] [--limit N] [--format text|json]',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    limit: { type: 'number', alias: 'n', default: 10, describe: 'how many classes (0: all)' },
    format: { type: 'string', choices: ['text', 'json'], default: 'text', describe: 'aligned columns, or JSON' },
    output: { type: 'string', alias: 'o', describe: 'write to this file instead of stdout' },
  },
  examples: [
    ['backrefs types app.heapsnapshot', 'the ten most common classes'],
    ['backrefs types app.heapsnapshot --limit 0 --format json', 'every class, as JSON'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const note = (line: string) => io.stderr.write(`${line}\n`);
  const limit = wholeNumber(args, 'limit') ?? 10;
  const { snap } = await loadForCli(text(args, 'snapshot'), io, note);
  const { typeStats } = await import('../../analysis/type-stats.js');
  const all = typeStats(snap);
  const stats = limit === 0 ? all : all.slice(0, limit);
  let data: string;
  if (text(args, 'format') === 'json') data = `${JSON.stringify({ nodes: snap.nodeCount, classes: all.length, types: stats }, null, 2)}\n`;
  else data = (await import('../../output/tables.js')).typesTable(stats);
  const output = text(args, 'output');
  await writeOutput(io, output === undefined || output === '-' ? undefined : resolve(io.cwd, output), data);
}
