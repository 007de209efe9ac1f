import { join } from 'node:path';
import type { Input } from './inputs.js';
import { measure } from './measure.js';
import { median } from './stats.js';
import { backrefsCli, REPO } from './tools.js';

const CLI = join(REPO, 'bin/backrefs.js');

interface Line {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Issue 13's ceiling on the time over `node -e 0`, ms. */
  readonly ceilingMs?: number;
}

/**
 * What a user waits for besides the snapshot: `--version`, `--help`, one command's help, and the
 * whole default command on the small file, beside `node -e 0`. The lines run interleaved, each
 * once a round, so that other work on the machine falls on all of them alike; the time over
 * `node -e 0` is the median of each round's difference, which holds where single walls do not.
 */
export async function startupTable(small: Input, rounds: number, log: (line: string) => void): Promise<string[]> {
  const cli = backrefsCli.invocation(small, 'backrefs-bench.dot');
  const lines: Line[] = [
    { name: '`node -e 0`', args: ['-e', '0'] },
    { name: '`backrefs --version`', args: [CLI, '--version'], ceilingMs: 30 },
    { name: '`backrefs --help`', args: [CLI, '--help'], ceilingMs: 30 },
    { name: '`backrefs types --help`', args: [CLI, 'types', '--help'], ceilingMs: 30 },
    { name: `\`backrefs FILE --type ${small.target} --depth 10 -o out.dot\` on ${small.label}`, args: cli.args, cwd: cli.cwd, ceilingMs: 50 },
  ];
  const walls = lines.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    log(`start-up round ${round + 1}/${rounds}`);
    for (const [i, line] of lines.entries()) {
      const r = await measure(process.execPath, line.args, line.cwd === undefined ? {} : { cwd: line.cwd });
      if (!r.ok) throw new Error(`${line.name} failed (exit ${r.code}): ${r.stderr.trim().split('\n').pop()}`);
      walls[i]!.push(r.wallMs);
    }
  }
  const out = [
    `## Start-up (${rounds} rounds, interleaved)\n`,
    '| command | wall ms, median (min-max) | over `node -e 0`, ms | issue 13 ceiling | |',
    '|---|---:|---:|---:|---|',
  ];
  for (const [i, line] of lines.entries()) {
    const w = walls[i]!;
    const over = median(w.map((ms, round) => ms - walls[0]![round]!));
    const spread = `${median(w).toFixed(0)} (${Math.min(...w).toFixed(0)}-${Math.max(...w).toFixed(0)})`;
    const verdict = line.ceilingMs === undefined ? '' : over <= line.ceilingMs ? 'met' : 'not met';
    out.push(`| ${line.name} | ${spread} | ${i === 0 ? '' : over.toFixed(0)} | ${line.ceilingMs === undefined ? '' : `${line.ceilingMs}`} | ${verdict} |`);
  }
  out.push('', '`over node -e 0`: the median over the rounds of this line\'s wall time less that round\'s `node -e 0`.', '');
  return out;
}
