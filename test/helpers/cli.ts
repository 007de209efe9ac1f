import { spawn } from 'node:child_process';
import { CLI } from './paths.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node bin/backrefs.js ...args` as a real process (what a user runs: shebang module, exit
 * code, stdio), optionally feeding `input` on stdin; `nodeArgs` go to node before the script.
 */
export function runCli(args: readonly string[], options: { cwd?: string; input?: Uint8Array; env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[] } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    // The CLI may exit before reading all of stdin (bad arguments): that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
