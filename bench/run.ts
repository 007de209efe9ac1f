/**
 * `npm run bench`: makes the inputs, times backrefs and @memlab/core on them side by side in
 * child processes, checks they agree, and prints a markdown report.
 *
 *   npm run bench -- --sizes 4mb,25mb,250mb,1.2gb,4gb[,fanin:250mb,scopes:250mb,strings:250mb,mixed:250mb] --reps 3 [--tools cli,reader,distances,shapes,devtools,memlab,startup,retained,memlab-retained,chain,memlab-chain,cli-retained,types-retained,refs,dot] [--memlab-max 5gb] [--devtools-max 1.5gb]
 *                    [--check 250mb] [--startup-rounds 15] [--out report.md]
 * Also BACKREFS_BENCH_SIZES, BACKREFS_BENCH_REPS; BACKREFS_BENCH_DIR moves the cache.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { countsAgree, fastPathsAgree, lastLine } from './checks.js';
import { prepareInput, type Input } from './inputs.js';
import { measure, type Measured } from './measure.js';
import { nodeStartup } from './node-startup.js';
import { warmPageCache } from './page-cache.js';
import { warmMemory } from './warm-memory.js';
import { load, machine, report, type Row } from './report.js';
import { parseSize } from './sizes.js';
import { startupTable } from './startup.js';
import { backrefsChain, backrefsCli, backrefsCliRetained, backrefsDistances, backrefsDot, backrefsGrowth, backrefsReader, backrefsRefs, backrefsRetained, backrefsShapes, backrefsTypesRetained, devtoolsLoad, memlabChain, memlabLoad, memlabRetained, toolkitDiff, type Tool } from './tools.js';

const MEMLAB_ONCE_ABOVE = 2e9;
const TOOLS: Readonly<Record<string, Tool>> = {
  cli: backrefsCli,
  reader: backrefsReader,
  distances: backrefsDistances,
  shapes: backrefsShapes,
  devtools: devtoolsLoad,
  memlab: memlabLoad,
  growth: backrefsGrowth,
  'toolkit-diff': toolkitDiff,
  retained: backrefsRetained,
  refs: backrefsRefs,
  'memlab-retained': memlabRetained,
  chain: backrefsChain,
  'memlab-chain': memlabChain,
  'cli-retained': backrefsCliRetained,
  'types-retained': backrefsTypesRetained,
  dot: backrefsDot,
};

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env['BACKREFS_BENCH_SIZES'] ?? '4mb,25mb,250mb,1.2gb,4gb' },
    reps: { type: 'string', default: process.env['BACKREFS_BENCH_REPS'] ?? '3' },
    tools: { type: 'string', default: 'cli,reader,distances,shapes,devtools,memlab,startup' },
    // memlab needs ~2.6x the file in RSS and ~45 s a GB: above this it is left out.
    'memlab-max': { type: 'string', default: '5gb' },
    // DevTools' loader holds the whole file as JavaScript strings and arrays: left out above this.
    'devtools-max': { type: 'string', default: '1.5gb' },
    check: { type: 'string', default: '250mb' },
    // Rounds of the start-up lines (`--version`, `--help`, the 4 MB command beside `node -e 0`): each takes well under a second.
    'startup-rounds': { type: 'string', default: '15' },
    out: { type: 'string' },
  },
});
const reps = Number(values.reps);
const toolNames = values.tools.split(',');
// Not a tool run on each file: one table of its own, on the 4 MB file.
const timeStartup = toolNames.includes('startup');
const tools = toolNames.filter((t) => t !== 'startup').map((t) => TOOLS[t] ?? fail(`unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')}, startup)`));
const memlabMax = parseSize(values['memlab-max']);
const devtoolsMax = parseSize(values['devtools-max']);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const loadAtStart = load();
if (loadavg()[0]! > 0.5) log(`warning: load average ${loadAtStart}: something else is running, timings will be slower and noisier`);

const inputs: Input[] = [];
for (const size of values.sizes.split(',')) inputs.push(await prepareInput(size, log));
log('writing the free memory once');
const warmed = warmMemory(Math.max(...inputs.map((i) => i.bytes)));
log('timing node -e 0');
const startup = await nodeStartup();

const rows: Row[] = [];
for (const input of inputs) {
  for (const tool of tools) {
    if ((tool === memlabLoad || tool === memlabRetained || tool === memlabChain) && input.bytes > memlabMax) {
      rows.push({ input, tool: tool.name, runs: [], note: `not run: file above --memlab-max ${values['memlab-max']}` });
      continue;
    }
    if (tool === devtoolsLoad && input.bytes > devtoolsMax) {
      rows.push({ input, tool: tool.name, runs: [], note: `not run: file above --devtools-max ${values['devtools-max']}` });
      continue;
    }
    warmPageCache(input.path);
    const runs: Measured[] = [];
    let note: string | undefined;
    // Three minutes a run on 4 GB: once is enough to know how far behind it is.
    const n = (tool === memlabLoad || tool === memlabRetained || tool === memlabChain || tool === devtoolsLoad) && input.bytes > MEMLAB_ONCE_ABOVE ? 1 : reps;
    for (let i = 0; i < n; i++) {
      log(`${input.label} ${tool.name} ${i + 1}/${n}`);
      const inv = tool.invocation(input, 'backrefs-bench.dot');
      const r = await measure(inv.cmd, inv.args, { cwd: inv.cwd });
      if (!r.ok) {
        note = `failed (exit ${r.code}): ${lastLine(r.stderr)}`;
        break;
      }
      runs.push(r);
    }
    rows.push({ input, tool: tool.name, runs, note });
  }
}

const checks: string[] = [];
for (const input of inputs.filter((i) => values.check.split(',').includes(i.label))) {
  log(`checking ${input.label}`);
  checks.push(await countsAgree(input), await fastPathsAgree(input));
}
if (checks.length === 0) checks.push(`skipped: none of --check ${values.check} was among the sizes run`);

const startupSection = timeStartup ? await startupTable(inputs.find((i) => i.label === '4mb') ?? (await prepareInput('4mb', log)), Number(values['startup-rounds']), log) : [];
const text = report(machine(loadAtStart, startup, warmed), inputs, rows, checks, reps, startup) + (startupSection.length > 0 ? `${startupSection.join('\n')}\n` : '');
process.stdout.write(text);
if (values.out) writeFileSync(values.out, text);
if (checks.some((c) => c.startsWith('FAIL'))) process.exitCode = 1;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
