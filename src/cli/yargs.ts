import type { Argv } from 'yargs';
import type { CliIO, Command } from './command.js';
import { VERSION } from './version.js';

/** The commands main.ts lists, by name. */
export type Commands = Readonly<Record<string, () => Promise<{ command: Command }>>>;

export type YargsResult = { kind: 'args'; args: Record<string, unknown> } | { kind: 'shown' } | { kind: 'usage'; message: string };

/** The whole command line of one command for yargs: its options, usage, help and version. */
export function defineCommand(y: Argv, command: Command, named: boolean): Argv {
  const prefix = named ? `$0 ${command.name}` : '$0';
  const positionals = command.positionals.map((p) => (p.required ? `<${p.name}${p.array ? '..' : ''}>` : `[${p.name}${p.array ? '..' : ''}]`)).join(' ');
  return y
    .scriptName('backrefs')
    .usage(`${prefix} ${command.usage}\n\n${command.summary}`)
    .command(`$0 ${positionals}`.trim(), false, (c) => {
      for (const p of command.positionals) c.positional(p.name, { type: 'string', array: p.array === true, describe: p.describe });
      return c;
    })
    .options(command.options)
    // Reached only on the yargs path (the quick parser leaves `--get-yargs-completions` to
    // yargs), so completion costs nothing when a snapshot is read.
    .completion('completion', 'print a shell completion script: backrefs completion >> ~/.bashrc', withoutLetterAliases)
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns ?? 100));
}

/** yargs' own completions, less the one-letter aliases it offers as `--t` (they are `-t`). */
function withoutLetterAliases(_current: string, _argv: unknown, completionFilter: (onCompleted: (err: Error | null, words: string[] | undefined) => void) => void, done: (words: string[]) => void): void {
  completionFilter((_err, words) => done((words ?? []).filter((w) => !/^--\w(:|$)/.test(w))));
}

/**
 * Examples and the list of commands as our own text, under the options: yargs' example column
 * cuts commands in the middle.
 */
async function epilog(command: Command, named: boolean, commands: Commands): Promise<string> {
  const lines = ['Examples:'];
  for (const [cmd, meaning] of command.examples) lines.push(`  ${cmd}`, `      ${meaning}`);
  if (!named) {
    lines.push('', 'Commands:');
    for (const [name, load] of Object.entries(commands)) {
      const { command: c } = await load();
      lines.push(`  backrefs ${name === 'why' ? '' : `${name} `}${c.usage}`, `      ${c.summary}`);
    }
    lines.push('', 'backrefs COMMAND --help shows the options of one command.');
  }
  return lines.join('\n');
}

/** Runs yargs on what the quick parser would not take: it prints help and version, or says what is wrong. */
export async function parseWithYargs(argv: readonly string[], command: Command, named: boolean, io: CliIO, commands: Commands): Promise<YargsResult> {
  const { default: yargs } = await import('yargs');
  let failure: string | undefined;
  let printed = '';
  const parser = defineCommand(yargs([...argv]), command, named)
    .epilog(await epilog(command, named, commands))
    .exitProcess(false)
    .fail((msg, err) => {
      failure = msg || err?.message || 'invalid arguments';
      throw new Error(failure);
    })
    .showHelpOnFail(false);
  try {
    const args = await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      printed = output;
    });
    if (args['help'] || args['version']) {
      io.stdout.write(`${printed}\n`);
      return { kind: 'shown' };
    }
    return { kind: 'args', args: { ...args, ...Object.fromEntries(command.positionals.map((p) => [p.name, args[p.name]])) } };
  } catch (e) {
    return { kind: 'usage', message: failure ?? (e as Error).message };
  }
}
