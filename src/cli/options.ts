import type { Argv, Options } from 'yargs';
import { FORMATS, type Format } from './formats.js';
import { VERSION } from './version.js';

export { FORMATS, type Format };

export interface CliOptions {
  snapshot: string | undefined;
  type: string[];
  id: string[];
  nodeType: string[];
  depth: number;
  maxTargets: number;
  tooMany: number;
  raw: boolean;
  includeWeak: boolean;
  ignore: string[];
  highlight: string[];
  output: string | undefined;
  format: Format | undefined;
  view: boolean;
  timings: boolean;
}

/** Every option, with what it does; `--help` prints this, and the quick parser reads the same table. */
export const OPTIONS = {
  type: { alias: 't', type: 'string', array: true, default: [], describe: 'class name to explain (repeatable), as DevTools\' Summary names it' },
  id: { type: 'string', array: true, default: [], describe: 'heap id to explain, @123 or 123 (repeatable)' },
  'node-type': { type: 'string', array: true, default: ['object'], describe: 'node types --type matches: object, closure, native, string, array, ... or all' },
  depth: { alias: 'd', type: 'number', default: 10, describe: 'how many levels of retainers to follow' },
  'max-targets': { type: 'number', default: 10, describe: 'draw at most this many matching objects (all are counted)' },
  'too-many': { type: 'number', default: 10, describe: 'past this many retainers of one node, draw one "K more retainers" box' },
  raw: { type: 'boolean', default: false, describe: 'every edge as V8 recorded it: no noise rules, no collapsing' },
  'include-weak': { type: 'boolean', default: false, describe: 'also follow weak edges (drawn dashed)' },
  ignore: { type: 'string', array: true, default: [], describe: 'leave out a class or a node (@id), and what only it retains (repeatable)' },
  highlight: { type: 'string', array: true, default: [], describe: 'colour the nodes of this class (repeatable)' },
  output: { alias: 'o', type: 'string', describe: 'write to FILE (.dot, .svg, .png, .pdf, .json, .txt); - or none: DOT to stdout' },
  format: { alias: 'f', choices: FORMATS, describe: 'output format (default: from the -o extension; needed for a name without one)' },
  view: { type: 'boolean', default: false, describe: 'open the graph in xdot' },
  timings: { type: 'boolean', default: false, describe: 'print how long each phase took, on stderr' },
} as const satisfies Record<string, Options>;

/** yargs' own completions, less the one-letter aliases it offers as `--t` (they are `-t`). */
function withoutLetterAliases(_current: string, _argv: unknown, completionFilter: (onCompleted: (err: Error | null, words: string[] | undefined) => void) => void, done: (words: string[]) => void): void {
  completionFilter((_err, words) => done((words ?? []).filter((w) => !/^--\w(:|$)/.test(w))));
}

/** The whole command line for yargs: the options, usage, examples, help and version. */
export function defineOptions(y: Argv): Argv {
  return y
    .scriptName('backrefs')
    .usage('$0 [SNAPSHOT] --type CLASS [options]\n\nWhy are these objects still alive? Draws the objects of a class and what retains them, from a V8 heap snapshot (.heapsnapshot, .heapsnapshot.gz, or - for stdin). With no SNAPSHOT, uses the newest *.heapsnapshot in this folder.')
    .command('$0 [snapshot]', false, (c) => c.positional('snapshot', { type: 'string', describe: 'the heap snapshot file (or - for stdin)' }))
    .options(OPTIONS)
    .example('$0 app.heapsnapshot --type Test --depth 10 -o out.dot', 'write the graph of every Test, then: xdot out.dot')
    .example('$0 app.heapsnapshot --type Test --view', 'draw it and open it in xdot')
    .example('$0 app.heapsnapshot --id @12345 -o why.svg', 'one object, rendered to SVG without Graphviz installed')
    .example('$0 app.heapsnapshot.gz -t Session --format json > graph.json', 'the graph as data, for scripts')
    .example('node app.js & kill -USR2 $!   # with node --heapsnapshot-signal=SIGUSR2', 'one way to make a snapshot')
    // Only reached on the yargs path (quick-parse leaves `--get-yargs-completions` to yargs), so
    // completion costs nothing when a snapshot is read.
    .completion('completion', 'print a shell completion script: backrefs completion >> ~/.bashrc', withoutLetterAliases)
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns ?? 100));
}
