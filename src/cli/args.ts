import { CliError } from './errors.js';

/** main.ts carries a lone `-` (stdin, stdout) through yargs, which would read it as an empty string, as this marker. */
export const STDIO = '\u0000stdio';

/** A string option or positional as the user typed it (`-` restored), or undefined. */
export function text(args: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  const s = String(value);
  return s === STDIO ? '-' : s;
}

/** A repeatable string option. */
export function texts(args: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = args[name];
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((v) => (String(v) === STDIO ? '-' : String(v)));
}

export function flag(args: Readonly<Record<string, unknown>>, name: string): boolean {
  return args[name] === true;
}

/** A whole-number option (main.ts has checked what was typed for every number option). */
export function wholeNumber(args: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new CliError(`--${name} takes a whole number, not "${String(value)}"`);
  return value;
}

/**
 * Checks what was typed for each number option: yargs reads `--depth abc` as NaN, `--depth ''`
 * as 0 and a bare `--depth` as its default, none of which the user meant.
 */
export function checkNumbers(argv: readonly string[], options: Readonly<Record<string, { type?: string; alias?: string | readonly string[] }>>): void {
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type !== 'number') continue;
    const alias = typeof spec.alias === 'string' ? spec.alias : undefined;
    for (const typed of typedValues(argv, name, alias)) {
      if (typed === undefined) throw new CliError(`--${name} needs a whole number`);
      if (!/^\d+$/.test(typed)) throw new CliError(`--${name} takes a whole number, not "${typed}"`);
    }
  }
}

/** The values typed for an option: `--name V`, `--name=V`, `-a V`; undefined where none follows. */
function typedValues(argv: readonly string[], name: string, alias: string | undefined): (string | undefined)[] {
  const camel = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const spellings = new Set([`--${name}`, `--${camel}`, ...(alias ? [`-${alias}`] : [])]);
  const found: (string | undefined)[] = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && spellings.has(a.slice(0, eq))) found.push(a.slice(eq + 1));
    else if (spellings.has(a)) {
      const next = argv[i + 1];
      found.push(next === undefined || (next.startsWith('-') && next !== '-') ? undefined : next);
    }
  }
  return found;
}
