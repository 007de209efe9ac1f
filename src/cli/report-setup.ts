import { flag, text } from './args.js';
import type { CliIO } from './command.js';
import { chooseFormat, type Format } from './formats.js';
import { timer } from './timer.js';

/** What every report command starts with: its messages, its --timings, and where and how it writes. */
export interface ReportSetup {
  /** A line on stderr. */
  readonly note: (line: string) => void;
  /** `--timings`: the time since the last phase. */
  readonly clock: (phase: string) => void;
  /** The -o file, undefined for stdout (no -o, or `-o -`). */
  readonly output: string | undefined;
  readonly format: Format;
}

/** Text on stdout unless -o or --format asks for another format. */
export function reportSetup(args: Readonly<Record<string, unknown>>, io: CliIO): ReportSetup {
  const note = (line: string) => void io.stderr.write(`${line}\n`);
  const typed = text(args, 'output');
  const output = typed === undefined || typed === '-' ? undefined : typed;
  const format = chooseFormat({ output, format: (text(args, 'format') ?? (output ? undefined : 'text')) as Format | undefined, view: false });
  return { note, clock: timer(flag(args, 'timings') ? note : undefined), output, format };
}
