import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { CliError } from '../errors.js';
import { visible, jsonText } from '../../output/escape.js';

/** objgraph's get_new_ids for one class, by heap id. */
export const command: Command = {
  name: 'new',
  positionals: [
    { name: 'old', describe: 'the earlier snapshot', required: true },
    { name: 'new', describe: 'the later snapshot, of the same process', required: true },
  ],
  options: {
    type: { type: 'string', alias: 't', describe: 'the class name (as DevTools names it)', demandOption: true },
    limit: { type: 'number', alias: 'n', default: 20, describe: 'how many ids to list (0: all)' },
    format: { type: 'string', alias: 'f', choices: ['text', 'json'], describe: 'ids one a line, or JSON (default: from the -o extension, else text)' },
    output: { type: 'string', alias: 'o', describe: 'write to FILE (.txt or .json); - for stdout' },
  },
  examples: [['backrefs new before.heapsnapshot after.heapsnapshot --type Session', 'the Sessions made in between; draw them with backrefs after.heapsnapshot --id @ID']],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, output, format } = reportSetup(args, io, 'new');
  const [oldPath, newPath, type] = [text(args, 'old'), text(args, 'new'), text(args, 'type')];
  if (oldPath === undefined || newPath === undefined) throw new CliError('new needs two snapshots: backrefs new OLD NEW --type CLASS');
  if (!type) throw new CliError('new needs --type CLASS');
  const limit = wholeNumber(args, 'limit') ?? 20;
  const { summarize, checkIds, newOfClass } = await import('../../analysis/diff.js');
  const before = summarize((await loadForCli(oldPath, io, note)).snap);
  const { snap } = await loadForCli(newPath, io, note);
  const check = checkIds(before, snap);
  if (!check.comparable) throw new CliError(check.warning!);
  if (check.warning) note(`warning: ${check.warning}`);
  const found = newOfClass(before, snap, type);
  const shown = limit === 0 ? found : found.slice(0, limit);
  const size = found.reduce((s, o) => s + snap.selfSize(o), 0);
  let data: string;
  if (format === 'json') {
    data = `${jsonText({ type, count: found.length, selfSize: size, ids: shown.map((o) => snap.nodeId(o)) }, 2)}\n`;
  } else {
    data = shown.map((o) => `@${snap.nodeId(o)}\n`).join('');
    if (found.length > shown.length) data += `… ${found.length - shown.length} more (--limit 0 lists all)\n`;
  }
  note(`${found.length} new ${visible(type)} (${size} bytes of self size) in ${visible(newPath)} since ${visible(oldPath)}`);
  await writeOutput(io, output === undefined ? undefined : resolve(io.cwd, output), data);
}
