import { readFileSync } from 'node:fs';

/**
 * backrefs' own version, from the package.json beside the built code (dist/src/cli/ is three
 * levels below it, in a clone and in an install alike). yargs' `.version()` with no argument
 * looks for the nearest package.json from the working folder, which inside another project is
 * that project's.
 */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
