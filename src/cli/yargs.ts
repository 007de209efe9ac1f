import type { Argv } from 'yargs';
import type { Command } from './command.js';
import { COMPLETION_SUMMARY } from './completion-args.js';
import { VERSION } from './version.js';

export type YargsResult = { kind: 'args'; args: Record<string, unknown> } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage'; message: string };

/**
 * The whole command line of one command for yargs: its positionals and options, help and version.
 * yargs never prints its help (help.ts writes it from the same table), but strict mode must know
 * the two flags, and completion offers them.
 */
export function defineCommand(y: Argv, command: Command): Argv {
  const positionals = command.positionals.map((p) => (p.required ? `<${p.name}${p.array ? '..' : ''}>` : `[${p.name}${p.array ? '..' : ''}]`)).join(' ');
  return y
    .scriptName('backrefs')
    .command(`$0 ${positionals}`.trim(), false, (c) => {
      for (const p of command.positionals) c.positional(p.name, { type: 'string', array: p.array === true, describe: p.describe });
      return c;
    })
    .options(command.options)
    // Reached only on the yargs path (the quick parser leaves `--get-yargs-completions` to
    // yargs), so completion costs nothing when a snapshot is read.
    .completion('completion', COMPLETION_SUMMARY, withoutLetterAliases)
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION);
}

/** yargs' own completions, less the one-letter aliases it offers as `--t` (they are `-t`). */
function withoutLetterAliases(_current: string, _argv: unknown, completionFilter: (onCompleted: (err: Error | null, words: string[] | undefined) => void) => void, done: (words: string[]) => void): void {
  completionFilter((_err, words) => done((words ?? []).filter((w) => !/^--\w(:|$)/.test(w))));
}

/** Runs yargs on what the quick parser would not take: it says what is wrong, or that help or the version was asked for in a form main.ts did not spot. */
export async function parseWithYargs(argv: readonly string[], command: Command): Promise<YargsResult> {
  const { default: yargs } = await import('yargs');
  let failure: string | undefined;
  const parser = defineCommand(yargs([...argv]), command)
    .exitProcess(false)
    .fail((msg, err) => {
      failure = msg || err?.message || 'invalid arguments';
      throw new Error(failure);
    })
    .showHelpOnFail(false);
  try {
    // The callback keeps yargs from printing its help and version itself.
    const args = await parser.parseAsync(argv, {}, () => {});
    if (args['help']) return { kind: 'help' };
    if (args['version']) return { kind: 'version' };
    return { kind: 'args', args: { ...args, ...Object.fromEntries(command.positionals.map((p) => [p.name, args[p.name]])) } };
  } catch (e) {
    return { kind: 'usage', message: failure ?? (e as Error).message };
  }
}
