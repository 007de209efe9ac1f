import parser from 'yargs-parser';
import type { Command } from './command.js';

type Spec = { readonly alias?: string; readonly type?: string; readonly array?: boolean; readonly default?: unknown; readonly choices?: readonly string[] };

/** What a command line gave, when yargs itself need not be loaded. */
export type QuickParse = { readonly args: Record<string, unknown> } | { readonly extraPositionals: readonly string[] };

/**
 * Parses a command line that yargs would accept without a word, with yargs' own parser
 * (yargs-parser, configured from the command's option table) and none of the rest of yargs,
 * whose help, i18n and terminal-width modules cost more to load than a small snapshot takes to
 * read. Returns undefined for anything yargs has something to say about (help, version, an
 * unknown option, a bad choice, `--`): the caller then runs yargs itself. Positionals beyond
 * what the command takes are reported, so that the message can say what the command expects.
 */
export function quickParse(argv: readonly string[], command: Pick<Command, 'options' | 'positionals'>): QuickParse | undefined {
  // What follows `--` is bound to positionals by yargs' command layer, not by its parser.
  if (argv.includes('--')) return undefined;
  const specs = command.options as Readonly<Record<string, Spec>>;
  const known = new Set(['_', ...Object.keys(specs).flatMap((name) => [name, camelCase(name), ...(specs[name]!.alias ? [specs[name]!.alias!] : [])])]);
  const alias: Record<string, string> = {};
  const defaults: Record<string, unknown> = {};
  const ofType = (type: string) => Object.keys(specs).filter((name) => specs[name]!.type === type);
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.alias) alias[name] = spec.alias;
    if (spec.default !== undefined) defaults[name] = Array.isArray(spec.default) ? [...(spec.default as unknown[])] : spec.default;
  }
  const opts: parser.Options = {
    alias,
    array: Object.keys(specs).filter((name) => specs[name]!.array),
    boolean: ofType('boolean'),
    number: ofType('number'),
    string: ofType('string'),
    default: defaults,
    configuration: { 'parse-positional-numbers': false },
  };
  const { argv: args, error } = parser.detailed([...argv], opts);
  if (error || Object.keys(args).some((key) => !known.has(key))) return undefined;
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.choices && args[name] !== undefined && !spec.choices.includes(args[name] as string)) return undefined;
  }
  const words = args._.map(String);
  const variadic = command.positionals.some((p) => p.array);
  if (!variadic && words.length > command.positionals.length) return { extraPositionals: words.slice(command.positionals.length) };
  const result: Record<string, unknown> = { ...args };
  // yargs sets an option under its own name when it was typed in camelCase (`--maxTargets 3`); yargs-parser only under the camelCase one.
  for (const name of Object.keys(specs)) if (result[name] === undefined && result[camelCase(name)] !== undefined) result[name] = result[camelCase(name)];
  command.positionals.forEach((p, i) => {
    result[p.name] = p.array ? words.slice(i) : words[i];
  });
  return { args: result };
}

function camelCase(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
