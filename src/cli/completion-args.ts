/**
 * The command lines yargs' completion answers: `backrefs completion` prints the shell script, and
 * the script calls `backrefs --get-yargs-completions WORDS...` on each TAB. Checked before the
 * quick parser, which would take `completion` for a snapshot's name. Its own file, so that
 * checking costs no import of yargs.
 */
export function isCompletion(argv: readonly string[]): boolean {
  return argv[0] === 'completion' || argv.includes('--get-yargs-completions');
}

/** The completion command's line in the help, and yargs' description of it. */
export const COMPLETION_SUMMARY = 'print a shell completion script: backrefs completion >> ~/.bashrc';
