import { spawn, spawnSync } from 'node:child_process';
import { CliError } from './errors.js';

/** Opens a DOT file in xdot, as objgraph does when it is given no file name. */
export function openInXdot(file: string): void {
  const found = spawnSync('xdot', ['--help'], { stdio: 'ignore' });
  if (found.error) {
    throw new CliError(`xdot is not installed, so the graph was not opened (it is in ${file}). Install it with \`apt-get install xdot\`, \`brew install xdot\` or \`pip install xdot\``);
  }
  spawn('xdot', [file], { detached: true, stdio: 'ignore' }).unref();
}
