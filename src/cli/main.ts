import { checkNumbers, STDIO } from './args.js';
import type { CliIO, Command } from './command.js';
import { COMMANDS } from './command-list.js';
import { isCompletion } from './completion-args.js';
import { CliError } from './errors.js';

/**
 * The CLI as a function: arguments in, exit code out, so tests run it in-process. Every failure
 * becomes one line on stderr and exit code 1; a stack trace only with BACKREFS_DEBUG=1.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let usage = false;
  try {
    if (isCompletion(argv)) return await (await import('./completion.js')).completion(argv);
    const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? argv[0] : undefined;
    // `backrefs [options] -- node app.js`: what follows `--` is a program to run, not arguments.
    const dash = argv.indexOf('--');
    const script = dash === -1 ? [] : argv.slice(dash + 1);
    const rest = (named ? argv.slice(1) : argv).slice(0, dash === -1 ? undefined : dash - (named ? 1 : 0));
    // Answered before any parser is loaded, whatever else the line holds (as yargs does: help
    // first): they should cost about what `node -e 0` does.
    if (rest.includes('--help') || rest.includes('-h')) return await showHelp(named, io);
    if (rest.includes('--version')) return await showVersion(io);
    if (script.length > 0 && (named ?? 'why') !== 'why') throw new CliError(`backrefs ${named} runs no program: only \`backrefs [options] -- node app.js\` does`);
    const [{ command }, { quickParse }] = await Promise.all([COMMANDS[named ?? 'why']!.load(), import('./quick-parse.js')]);
    // yargs reads a lone `-` as an empty string; carry it through as a marker instead.
    const marked = rest.map((a) => (a === '-' ? STDIO : a));
    const quick = quickParse(marked, command);
    if (quick && 'extraPositionals' in quick) {
      usage = true;
      throw new CliError(await extraWordsMessage(command, quick.extraPositionals));
    }
    let args = quick?.args;
    if (!args) {
      const { parseWithYargs } = await import('./yargs.js');
      const parsed = await parseWithYargs(marked, command);
      if (parsed.kind === 'help') return await showHelp(named, io);
      if (parsed.kind === 'version') return await showVersion(io);
      if (parsed.kind === 'usage') {
        usage = true;
        throw new CliError(parsed.message);
      }
      args = parsed.args;
    }
    checkNumbers(rest, command.options);
    const all = script.length > 0 ? { ...args, script } : args;
    (await import('./outputs-apart.js')).checkOutputsApart(command, all, io.cwd);
    await command.run(all, io);
    return 0;
  } catch (e) {
    io.stderr.write(`backrefs: ${await oneLine(e)}${usage ? ' (see backrefs --help)' : ''}\n`);
    if (process.env['BACKREFS_DEBUG'] && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

/** One command's help; the default command's lists every command. */
async function showHelp(named: string | undefined, io: CliIO): Promise<number> {
  const [{ helpText }, { command }] = await Promise.all([import('./help.js'), COMMANDS[named ?? 'why']!.load()]);
  const columns = (io.stdout as Partial<NodeJS.WriteStream>).columns;
  io.stdout.write(helpText(command, named !== undefined, Math.min(110, columns ?? 100)));
  return 0;
}

async function showVersion(io: CliIO): Promise<number> {
  io.stdout.write(`${(await import('./version.js')).VERSION}\n`);
  return 0;
}

async function extraWordsMessage(command: Command, extra: readonly string[]): Promise<string> {
  const { visible } = await import('../output/escape.js');
  const takes = command.positionals.length === 1 ? 'one snapshot' : `${command.positionals.length} snapshots (${command.positionals.map((p) => p.name.toUpperCase()).join(' ')})`;
  return `${command.name === 'why' ? 'backrefs' : `backrefs ${command.name}`} takes ${takes}, not also ${extra.map((w) => `"${visible(w)}"`).join(', ')}`;
}

/** The error as one visible line; the modules that takes are loaded only when there is an error. */
async function oneLine(e: unknown): Promise<string> {
  const [{ SnapshotError }, { visible }] = await Promise.all([import('../snapshot/errors.js'), import('../output/escape.js')]);
  const text = e instanceof SnapshotError || e instanceof CliError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  return visible(text.replace(/\s*\n\s*/g, ' '));
}

function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Made on first use: creating process.stdin costs a few ms, and only `-` reads it.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
  };
}

/** Entry point of bin/backrefs.js. */
export async function cli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
