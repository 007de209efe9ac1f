import { SnapshotError } from '../snapshot/errors.js';
import { CliError } from './errors.js';
import { defineOptions, type CliOptions } from './options.js';
import { quickParse } from './quick-parse.js';
import { run, type CliIO } from './run.js';

/**
 * The CLI as a function: arguments in, exit code out, so tests run it in-process. Every failure
 * becomes one line on stderr and exit code 1; a stack trace only with BACKREFS_DEBUG=1.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let usageError: string | undefined;
  try {
    // yargs reads a lone `-` as an empty string; carry it through as a marker instead.
    const marked = argv.map((a) => (a === '-' ? STDIO : a));
    let args = quickParse(marked);
    if (!args) {
      const { default: yargs } = await import('yargs');
      const parser = defineOptions(yargs(marked))
        .exitProcess(false)
        .fail((msg, err) => {
          usageError = msg || err?.message || 'invalid arguments';
          throw new CliError(usageError);
        });
      args = await parser.showHelpOnFail(false).parseAsync();
      // yargs has printed the help or the version already.
      if (args['help'] || args['version']) return 0;
    }
    const options: CliOptions = {
      snapshot: dash(args['snapshot'] as string | undefined),
      type: args['type'] as string[],
      id: args['id'] as string[],
      nodeType: args['node-type'] as string[],
      depth: wholeNumber(args['depth'], 'depth'),
      maxTargets: wholeNumber(args['max-targets'], 'max-targets'),
      tooMany: wholeNumber(args['too-many'], 'too-many'),
      raw: args['raw'] as boolean,
      includeWeak: args['include-weak'] as boolean,
      ignore: args['ignore'] as string[],
      highlight: args['highlight'] as string[],
      output: dash(args['output'] as string | undefined),
      format: args['format'] as CliOptions['format'],
      view: args['view'] as boolean,
      timings: args['timings'] as boolean,
    };
    await run(options, io);
    return 0;
  } catch (e) {
    io.stderr.write(`backrefs: ${oneLine(e, usageError)}\n`);
    if (process.env['BACKREFS_DEBUG'] && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

const STDIO = '\u0000stdio';
function dash(value: string | undefined): string | undefined {
  return value === STDIO ? '-' : value;
}

function wholeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new CliError(`--${name} takes a whole number, not ${String(value)}`);
  return value;
}

function oneLine(e: unknown, usage: string | undefined): string {
  const text = e instanceof SnapshotError || e instanceof CliError ? e.message : usage ?? `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  return `${text.replace(/\s*\n\s*/g, ' ')}${usage ? ' (see backrefs --help)' : ''}`;
}

function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
}

/** Entry point of bin/backrefs.js. */
export async function cli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
