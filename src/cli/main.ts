import { SnapshotError } from '../snapshot/errors.js';
import { visible } from '../output/escape.js';
import { checkNumbers, STDIO } from './args.js';
import type { CliIO, Command } from './command.js';
import { isCompletion } from './completion-args.js';
import { CliError } from './errors.js';
import { quickParse } from './quick-parse.js';

/** Every command, loaded only when it runs (or for --help). The first is the default. */
export const COMMANDS: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  why: () => import('./commands/why.js'),
  chain: () => import('./commands/chain.js'),
  types: () => import('./commands/types.js'),
  growth: () => import('./commands/growth.js'),
  new: () => import('./commands/new.js'),
  leaks: () => import('./commands/leaks.js'),
  capture: () => import('./commands/capture.js'),
  refs: () => import('./commands/refs.js'),
  scopes: () => import('./commands/scopes.js'),
  dominators: () => import('./commands/dominators.js'),
  top: () => import('./commands/top.js'),
  strings: () => import('./commands/strings.js'),
};

/**
 * The CLI as a function: arguments in, exit code out, so tests run it in-process. Every failure
 * becomes one line on stderr and exit code 1; a stack trace only with BACKREFS_DEBUG=1.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let usage = false;
  try {
    // Asked before anything else is loaded (yargs, the default command): it should cost what `node -e 0` does.
    if (argv.length === 1 && argv[0] === '--version') {
      io.stdout.write(`${(await import('./version.js')).VERSION}\n`);
      return 0;
    }
    if (isCompletion(argv)) return await (await import('./completion.js')).completion(argv);
    const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? argv[0] : undefined;
    // `backrefs [options] -- node app.js`: what follows `--` is a program to run, not arguments.
    const dash = argv.indexOf('--');
    const script = dash === -1 ? [] : argv.slice(dash + 1);
    const rest = (named ? argv.slice(1) : argv).slice(0, dash === -1 ? undefined : dash - (named ? 1 : 0));
    if (script.length > 0 && (named ?? 'why') !== 'why') throw new CliError(`backrefs ${named} runs no program: only \`backrefs [options] -- node app.js\` does`);
    const { command } = await COMMANDS[named ?? 'why']!();
    // yargs reads a lone `-` as an empty string; carry it through as a marker instead.
    const marked = rest.map((a) => (a === '-' ? STDIO : a));
    const quick = quickParse(marked, command);
    if (quick && 'extraPositionals' in quick) {
      usage = true;
      throw new CliError(extraWordsMessage(command, quick.extraPositionals));
    }
    let args = quick?.args;
    if (!args) {
      const { parseWithYargs } = await import('./yargs.js');
      const parsed = await parseWithYargs(marked, command, named !== undefined, io, COMMANDS);
      if (parsed.kind === 'shown') return 0;
      if (parsed.kind === 'usage') {
        usage = true;
        throw new CliError(parsed.message);
      }
      args = parsed.args;
    }
    checkNumbers(rest, command.options);
    await command.run(script.length > 0 ? { ...args, script } : args, io);
    return 0;
  } catch (e) {
    io.stderr.write(`backrefs: ${oneLine(e)}${usage ? ' (see backrefs --help)' : ''}\n`);
    if (process.env['BACKREFS_DEBUG'] && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

function extraWordsMessage(command: Command, extra: readonly string[]): string {
  const takes = command.positionals.length === 1 ? 'one snapshot' : `${command.positionals.length} snapshots (${command.positionals.map((p) => p.name.toUpperCase()).join(' ')})`;
  const hint = command.name === 'why' ? '' : '';
  return `${command.name === 'why' ? 'backrefs' : `backrefs ${command.name}`} takes ${takes}, not also ${extra.map((w) => `"${visible(w)}"`).join(', ')}${hint}`;
}

function oneLine(e: unknown): string {
  const text = e instanceof SnapshotError || e instanceof CliError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  return visible(text.replace(/\s*\n\s*/g, ' '));
}

function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
}

/** Entry point of bin/backrefs.js. */
export async function cli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
