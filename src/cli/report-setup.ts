import { extname } from 'node:path';
import { flag, text } from './args.js';
import type { CliIO } from './command.js';
import { CliError } from './errors.js';
import { chooseFormat, EXTENSIONS, type Format } from './formats.js';
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

/**
 * Text on stdout unless -o or --format asks for another format. `textOnly` names a command that
 * writes text or JSON and nothing else: its -o is text unless it ends `.json`, and a name that
 * promises a picture (`.svg`, `.dot`, ...) is refused rather than filled with a table.
 */
export function reportSetup(args: Readonly<Record<string, unknown>>, io: CliIO, textOnly?: string): ReportSetup {
  const note = (line: string) => void io.stderr.write(`${line}\n`);
  const typed = text(args, 'output');
  const output = typed === undefined || typed === '-' ? undefined : typed;
  const asked = text(args, 'format') as Format | undefined;
  const format = textOnly ? textOrJson(textOnly, output, asked) : chooseFormat({ output, format: asked ?? (output ? undefined : 'text'), view: false });
  return { note, clock: timer(flag(args, 'timings') ? note : undefined), output, format };
}

function textOrJson(command: string, output: string | undefined, asked: Format | undefined): 'text' | 'json' {
  if (asked === 'text' || asked === 'json') return asked;
  if (asked !== undefined) throw new CliError(`backrefs ${command} writes text or JSON, not ${asked}`);
  const ext = output === undefined ? '' : extname(output).toLowerCase();
  const promised = EXTENSIONS[ext];
  if (promised === 'json') return 'json';
  if (promised !== undefined && promised !== 'text') throw new CliError(`-o ${output}: backrefs ${command} writes text or JSON, not ${promised}; name the file .txt or .json, or say --format text`);
  return 'text';
}
