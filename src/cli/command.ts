import type { Readable } from 'node:stream';
import type { Options } from 'yargs';

/** Where a command reads and writes: the process's own streams, or a test's. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: Readable;
  cwd: string;
}

export interface Positional {
  readonly name: string;
  readonly describe: string;
  /** Takes all the remaining words. */
  readonly array?: boolean;
  /** Must be given (default: optional). */
  readonly required?: boolean;
}

/**
 * One command of the CLI, in one file under commands/: its flags (the only place that knows
 * them), its examples, and what it does; its usage line and summary are in command-list.ts.
 * main.ts loads only the command asked for, to run it or to show its help: so a command file
 * imports at its top only what its table needs, and what `run` needs inside `run`.
 */
export interface Command {
  readonly name: string;
  readonly positionals: readonly Positional[];
  readonly options: Readonly<Record<string, Options>>;
  readonly examples: readonly (readonly [command: string, meaning: string])[];
  /** Runs with the parsed arguments (yargs-parser's keys, positionals by name); throws CliError for the user's mistakes. */
  run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void>;
}
