import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  readonly ok: boolean;
  readonly wallMs: number;
  /** peak resident set of the child, bytes */
  readonly peakRss: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/**
 * Runs one command in a child process and reports its wall time and peak RSS. The peak comes from
 * the kernel's own accounting via GNU time (`%M`, the child's ru_maxrss) when installed, which
 * catches short spikes; otherwise from polling /proc/PID/status VmHWM, a high-water mark too.
 */
export async function measure(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'backrefs-measure-'));
  const rssFile = join(dir, 'rss');
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let polledHwm = 0;
  const poll = hasGnuTime ? undefined : setInterval(() => (polledHwm = Math.max(polledHwm, vmHwm(child.pid))), 20);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  let peakRss = polledHwm;
  if (hasGnuTime) {
    const text = readFileSync(rssFile, 'utf8').trim().split('\n');
    // GNU time writes "Command exited with non-zero status N" before the number.
    peakRss = Number(text[text.length - 1]) * 1024;
  }
  rmSync(dir, { recursive: true, force: true });
  return { ok: code === 0, wallMs, peakRss, stdout, stderr, code };
}

function vmHwm(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // the process has just exited
  }
}

export const peakRssMethod = hasGnuTime ? 'GNU time %M (ru_maxrss of the child)' : '/proc/PID/status VmHWM, polled every 20 ms';
