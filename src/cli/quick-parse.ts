import parser from 'yargs-parser';
import { OPTIONS } from './options.js';

type Spec = { readonly alias?: string; readonly type?: string; readonly array?: boolean; readonly default?: unknown; readonly choices?: readonly string[] };
const SPECS: Readonly<Record<string, Spec>> = OPTIONS;

/** Every key yargs-parser may set for a known option: its name, its alias, its camelCase form. */
const KNOWN = new Set(['_', ...Object.keys(SPECS).flatMap((name) => [name, camelCase(name), ...(SPECS[name]!.alias ? [SPECS[name]!.alias!] : [])])]);

/**
 * Parses a command line that yargs would accept without a word, with yargs' own parser
 * (yargs-parser, configured from the same option table) and none of the rest of yargs, whose
 * help, i18n and terminal-width modules cost more to load than a small snapshot takes to read.
 * Returns undefined for anything yargs has something to say about (help, version, an unknown
 * option, a second positional, a bad choice, `--`): the caller then runs yargs itself.
 */
export function quickParse(argv: readonly string[]): Record<string, unknown> | undefined {
  // What follows `--` is bound to positionals by yargs' command layer, not by its parser.
  if (argv.includes('--')) return undefined;
  const alias: Record<string, string> = {};
  const defaults: Record<string, unknown> = {};
  const ofType = (type: string) => Object.keys(SPECS).filter((name) => SPECS[name]!.type === type);
  for (const [name, spec] of Object.entries(SPECS)) {
    if (spec.alias) alias[name] = spec.alias;
    if (spec.default !== undefined) defaults[name] = Array.isArray(spec.default) ? [...(spec.default as unknown[])] : spec.default;
  }
  const opts: parser.Options = {
    alias,
    array: Object.keys(SPECS).filter((name) => SPECS[name]!.array),
    boolean: ofType('boolean'),
    number: ofType('number'),
    string: ofType('string'),
    default: defaults,
    configuration: { 'parse-positional-numbers': false },
  };
  const { argv: args, error } = parser.detailed([...argv], opts);
  if (error || args._.length > 1 || Object.keys(args).some((key) => !KNOWN.has(key))) return undefined;
  for (const [name, spec] of Object.entries(SPECS)) {
    if (spec.choices && args[name] !== undefined && !spec.choices.includes(args[name] as string)) return undefined;
  }
  return { ...args, snapshot: args._.length === 1 ? String(args._[0]) : undefined };
}

function camelCase(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
