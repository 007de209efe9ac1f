import type { Options } from 'yargs';
import type { Command } from './command.js';
import { COMMANDS } from './command-list.js';
import { COMPLETION_SUMMARY } from './completion-args.js';

/** The two options every command has; main.ts answers them before any parser is loaded. */
const BUILT_IN: Readonly<Record<string, Options>> = {
  help: { alias: 'h', type: 'boolean', describe: 'Show help' },
  version: { type: 'boolean', describe: 'Show version number' },
};

/**
 * `backrefs --help` and `backrefs COMMAND --help`, from the same tables the parsers are given, in
 * yargs' layout (its help needs its terminal-width and i18n modules, which cost more to load than
 * a small snapshot takes to read). The default command's help (`named` false) lists every command.
 */
export function helpText(command: Command, named: boolean, width: number): string {
  const { usage, summary } = COMMANDS[command.name]!;
  const out = [...wrap(`${named ? `backrefs ${command.name}` : 'backrefs'} ${usage}`, width), '', ...wrap(summary, width)];
  if (command.positionals.length > 0) {
    out.push('', 'Positionals:', ...table(command.positionals.map((p) => [p.name, p.describe, p.array ? '[array]' : '[string]']), width));
  }
  const options = { ...command.options, ...BUILT_IN };
  const anyAlias = Object.values(options).some((o) => typeof o.alias === 'string');
  const rows = Object.entries(options).map(([name, o]): Row => {
    const flag = typeof o.alias === 'string' ? `-${o.alias}, --${name}` : `${anyAlias ? '    ' : ''}--${name}`;
    return [flag, o.describe ?? '', notes(o)];
  });
  out.push('', 'Options:', ...table(rows, width), '', 'Examples:');
  for (const [cmd, meaning] of command.examples) out.push(...wrap(`  ${cmd}`, width), ...wrap(`      ${meaning}`, width));
  if (!named) {
    out.push('', 'Commands:');
    const listed = [...Object.entries(COMMANDS), ['completion', { usage: '', summary: COMPLETION_SUMMARY }] as const];
    for (const [name, c] of listed) {
      const words = [name === 'why' ? '' : name, c.usage].filter(Boolean).join(' ');
      out.push(...wrap(`  backrefs ${words}`, width), ...wrap(`      ${c.summary}`, width));
    }
    out.push('', ...wrap('backrefs COMMAND --help shows the options of one command.', width));
  }
  return `${out.join('\n')}\n`;
}

type Row = readonly [left: string, text: string, notes: string];

/** What yargs puts in brackets after an option: its type, whether it is required, its choices and default. */
function notes(o: Options): string {
  const parts: string[] = [];
  if (o.array) parts.push('[array]');
  else if (o.type) parts.push(`[${o.type}]`);
  if (o.demandOption) parts.push('[required]');
  if (o.choices) parts.push(`[choices: ${(o.choices as readonly unknown[]).map((c) => JSON.stringify(c)).join(', ')}]`);
  if (o.default !== undefined) parts.push(`[default: ${JSON.stringify(o.default)}]`);
  return parts.join(' ');
}

/**
 * Two columns, the names padded to the longest, each description wrapped in the rest of the width;
 * the notes right-aligned on the description's last line, or on a line of their own when it is full.
 */
function table(rows: readonly Row[], width: number): string[] {
  const left = Math.max(...rows.map(([name]) => name.length)) + 4;
  const lines: string[] = [];
  for (const [name, text, extra] of rows) {
    const wrapped = wrapWords(text, Math.max(width - left, 10));
    wrapped.forEach((line, i) => lines.push(`${(i === 0 ? `  ${name}` : '').padEnd(left)}${line}`.trimEnd()));
    if (extra === '') continue;
    const last = lines[lines.length - 1]!;
    if (last.length + 1 + extra.length <= width) lines[lines.length - 1] = last + extra.padStart(width - last.length);
    else lines.push(...wrapWords(extra, width).map((l) => l.padStart(width)));
  }
  return lines;
}

/** A line cut at spaces to the width, its continuation lines indented as much as it is. */
function wrap(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0];
  return wrapWords(line.slice(indent.length), Math.max(width - indent.length, 10)).map((l) => indent + l);
}

/** Words filled greedily into lines of at most `width` characters; a longer word is cut. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
