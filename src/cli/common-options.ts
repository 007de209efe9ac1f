import type { Options } from 'yargs';
import { FORMATS } from './formats.js';

/** What to explain: shared by the commands that take targets. */
export const TARGET_OPTIONS = {
  type: { alias: 't', type: 'string', array: true, default: [], describe: "class name to explain (repeatable), as DevTools' Summary names it: Test, Map, {foo, bar}" },
  id: { type: 'string', array: true, default: [], describe: 'heap id to explain, @123 or 123 (repeatable)' },
  'node-type': { type: 'string', array: true, default: ['object'], describe: 'node types --type matches: object, closure, native, string, array, ... or all' },
} as const satisfies Record<string, Options>;

export const OUTPUT_OPTIONS = {
  output: { alias: 'o', type: 'string', describe: 'write to FILE (.dot, .svg, .png, .pdf, .json, .txt); - for stdout' },
  format: { alias: 'f', choices: FORMATS, describe: 'output format (default: from the -o extension; needed for a name without one)' },
  timings: { type: 'boolean', default: false, describe: 'print how long each phase took, on stderr' },
} as const satisfies Record<string, Options>;

/** `--retained`: for the commands that draw boxes; the dominator tree is a whole-heap pass, run only when asked. */
export const RETAINED_OPTIONS = {
  retained: { type: 'boolean', default: false, describe: "DevTools' retained size on every box (what would be freed with it; a group's members counted once): one more pass over the heap" },
} as const satisfies Record<string, Options>;
