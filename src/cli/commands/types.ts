import { resolve } from 'node:path';
import { flag, text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';
import { visible, jsonText } from '../../output/escape.js';
import { RETAINED_OPTIONS } from '../common-options.js';
import { CliError } from '../errors.js';

/** objgraph's show_most_common_types / typestats; with --retained, DevTools' Summary totals; with --by site, its Allocation view. */
export const command: Command = {
  name: 'types',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    limit: { type: 'number', alias: 'n', default: 10, describe: 'how many rows (0: all)' },
    ...RETAINED_OPTIONS,
    sort: { choices: ['count', 'size', 'retained'], default: 'count', describe: 'largest count, self size or retained size first (retained implies --retained)' },
    by: { choices: ['class', 'site'], default: 'class', describe: 'one row per class, or per allocating function (snapshots taken with allocation tracking)' },
    format: { type: 'string', alias: 'f', choices: ['text', 'json'], describe: 'aligned columns, or JSON (default: from the -o extension, else text)' },
    output: { type: 'string', alias: 'o', describe: 'write to FILE (.txt or .json); - for stdout' },
  },
  examples: [
    ['backrefs types app.heapsnapshot', 'the ten most common classes'],
    ['backrefs types app.heapsnapshot --sort retained', "the classes that retain the most, as DevTools' Summary counts them"],
    ['backrefs types app.heapsnapshot --by site', 'the functions that allocated the most objects (needs allocation tracking)'],
    ['backrefs types app.heapsnapshot --limit 0 --format json', 'every class, as JSON'],
  ],
  run,
};

interface Row {
  readonly name: string;
  readonly count: number;
  readonly selfSize: number;
  readonly retainedSize?: number;
}

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { writeOutput }] = await Promise.all([import('../load.js'), import('../write.js')]);
  const { note, output, format } = reportSetup(args, io, 'types');
  const limit = wholeNumber(args, 'limit') ?? 10;
  const sort = text(args, 'sort') ?? 'count';
  const retained = flag(args, 'retained') || sort === 'retained';
  const bySite = text(args, 'by') === 'site';
  const { snap, name } = await loadForCli(text(args, 'snapshot'), io, note);
  let rows: Row[];
  let json: (shown: readonly Row[]) => unknown;
  if (bySite) {
    const { siteStats } = await import('../../analysis/site-stats.js');
    const sites = siteStats(snap, { retained });
    if (sites.length === 0) throw new CliError(`${name} has no allocation traces: take it with node --track-heap-objects, or after HeapProfiler.startTrackingHeapObjects({ trackAllocations: true })`);
    const { siteText } = await import('../../output/site.js');
    const rowOf = new Map<Row, (typeof sites)[number]>();
    rows = sites.map((s) => {
      const row = { name: s.site ? siteText(s.site) : '(no allocation trace)', count: s.count, selfSize: s.selfSize, ...(s.retainedSize !== undefined ? { retainedSize: s.retainedSize } : {}) };
      rowOf.set(row, s);
      return row;
    });
    json = (shown) => ({ nodes: snap.nodeCount, sites: rows.length, allocationSites: shown.map((r) => ({ ...r, site: rowOf.get(r)!.site ?? null })) });
  } else {
    const { typeStats } = await import('../../analysis/type-stats.js');
    rows = typeStats(snap);
    if (retained) {
      const { classRetainedSizes } = await import('../../analysis/retained-sizes.js');
      // By typeStats' own names (no shapes): each row gets the retained size of exactly its nodes.
      const sizes = classRetainedSizes(snap, { shapes: false });
      rows = rows.map((r) => ({ ...r, retainedSize: sizes.get(r.name)?.retained ?? 0 }));
    }
    json = (shown) => ({ nodes: snap.nodeCount, classes: rows.length, types: shown });
  }
  if (sort === 'size') rows.sort((a, b) => b.selfSize - a.selfSize || b.count - a.count);
  else if (sort === 'retained') rows.sort((a, b) => b.retainedSize! - a.retainedSize! || b.count - a.count);
  const shown = limit === 0 ? rows : rows.slice(0, limit);
  let data: string;
  if (format === 'json') data = `${jsonText(json(shown), 2)}\n`;
  else data = (await import('../../output/tables.js')).typesTable(shown) || `No objects in ${visible(name)}.\n`;
  await writeOutput(io, output === undefined ? undefined : resolve(io.cwd, output), data);
}
