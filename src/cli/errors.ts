/** A failure the CLI reports as one line on stderr with exit code 1 (usage, output, lookup). */
export class CliError extends Error {
  override readonly name = 'CliError';
}
