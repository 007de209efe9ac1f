import { command as why } from './commands/why.js';
import { defineCommand } from './yargs.js';

/** Runs yargs' completion (it prints to stdout itself); yargs is loaded only here, never on the normal path. */
export async function completion(argv: readonly string[]): Promise<number> {
  const { default: yargs } = await import('yargs');
  await defineCommand(yargs([...argv]), why)
    .exitProcess(false)
    .parseAsync();
  return 0;
}
