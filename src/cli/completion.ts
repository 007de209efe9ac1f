import { defineOptions } from './options.js';

/**
 * The command lines yargs' completion answers: `backrefs completion` prints the shell script, and
 * the script calls `backrefs --get-yargs-completions WORDS...` on each TAB. Checked before the
 * quick parser, which would take `completion` for a snapshot's name.
 */
export function isCompletion(argv: readonly string[]): boolean {
  return argv[0] === 'completion' || argv.includes('--get-yargs-completions');
}

/** Runs yargs' completion (it prints to stdout itself); yargs is loaded only here, never on the normal path. */
export async function completion(argv: readonly string[]): Promise<number> {
  const { default: yargs } = await import('yargs');
  await defineOptions(yargs([...argv]))
    .exitProcess(false)
    .parseAsync();
  return 0;
}
