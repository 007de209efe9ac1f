import { jsonText } from '../../output/escape.js';
import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { CliError } from '../errors.js';

/** memlab's find-leaks on three snapshots of one Node process. */
export const command: Command = {
  name: 'leaks',
  positionals: [
    { name: 'base', describe: 'before the action', required: true },
    { name: 'target', describe: 'after the action', required: true },
    { name: 'final', describe: 'after undoing the action', required: true },
  ],
  options: {
    limit: { type: 'number', alias: 'n', default: 10, describe: 'how many classes and paths (0: all)' },
    format: { type: 'string', alias: 'f', choices: ['text', 'json'], describe: 'a report, or JSON (default: from the -o extension, else text)' },
    output: { type: 'string', alias: 'o', describe: 'write to FILE (.txt or .json); - for stdout' },
  },
  examples: [['backrefs leaks base.heapsnapshot target.heapsnapshot final.heapsnapshot', 'what the action left behind, and what holds it']],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, output, format } = reportSetup(args, io, 'leaks');
  const paths = [text(args, 'base'), text(args, 'target'), text(args, 'final')];
  if (paths.some((p) => p === undefined)) throw new CliError('leaks needs three snapshots: backrefs leaks BASE TARGET FINAL');
  const [basePath, targetPath, finalPath] = paths as [string, string, string];
  const asked = wholeNumber(args, 'limit') ?? 10;
  const limit = asked === 0 ? Infinity : asked;
  const { summarize, checkIds } = await import('../../analysis/diff.js');
  const { allocatedBetween, findLeaks, pathText } = await import('../../analysis/leaks.js');
  // One snapshot in memory at a time: what is kept of each is a set of ids.
  const base = summarize((await loadForCli(basePath, io, note)).snap);
  const target = (await loadForCli(targetPath, io, note)).snap;
  const check = checkIds(base, target);
  if (!check.comparable) throw new CliError(check.warning!);
  if (check.warning) note(`warning: ${check.warning}`);
  const allocated = allocatedBetween(base, target);
  const final = (await loadForCli(finalPath, io, note)).snap;
  const report = findLeaks(allocated, final);
  let data: string;
  if (format === 'json') {
    const byPath = report.byPath.slice(0, limit).map((g) => ({ ...g, text: pathText(g) }));
    data = `${jsonText({ count: report.count, selfSize: report.selfSize, byClass: report.byClass.slice(0, limit), byPath }, 2)}\n`;
  } else data = (await import('../../output/tables.js')).leaksText(report, limit);
  await writeOutput(io, output === undefined ? undefined : resolve(io.cwd, output), data);
}
