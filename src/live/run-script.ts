import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot, type LoadOptions } from '../snapshot/load.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { CaptureError } from './capture-pid.js';
import { guardRun } from './run-guard.js';

export interface RunScriptOptions {
  /** Take the snapshot when the script receives this signal (then it exits) instead of when it exits by itself. */
  signal?: NodeJS.Signals;
  /** Keep the snapshot at this path (default: a temporary file, removed once read). */
  save?: string;
  /**
   * Called with the snapshot's temporary file once it is read, before it is removed: to keep it
   * by rules of the caller's own (the CLI's --save writes it as every output is written).
   */
  keep?: (snapshotFile: string) => Promise<void>;
  /** Where the script's output goes (default: inherited, the user sees it). */
  stdio?: 'inherit' | 'ignore';
  cwd?: string;
  load?: LoadOptions;
  /** Called with the child's pid once it runs (to signal it, in tests or a UI). */
  onStart?: (pid: number) => void;
}

export interface ScriptRun {
  readonly snapshot: HeapSnapshot;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The path of the saved snapshot, when `save` was given. */
  readonly saved?: string;
}

const PRELOAD = fileURLToPath(new URL('./snapshot-at-exit.cjs', import.meta.url));

/**
 * `backrefs [options] -- node app.js [args]`: runs the script with a preload that writes a heap
 * snapshot as it exits (or on `signal`), then reads that snapshot. The command must start with
 * a Node.js binary: the preload is passed as its `--require`, so only that process is snapshot
 * (not a wrapper such as npm, nor the script's own children).
 */
export async function runScript(command: readonly string[], options: RunScriptOptions = {}): Promise<ScriptRun> {
  const [bin, ...args] = command;
  if (bin === undefined) throw new CaptureError('ENOPROC', 'no command after --: give one like `-- node app.js`');
  if (!/^node(js)?(\d+(\.\d+)*)?(\.exe)?$/i.test(basename(bin))) {
    throw new CaptureError('ENOTNODE', `the command after -- must start with node (got ${JSON.stringify(bin)}): for npm scripts, run the node command they run`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'backrefs-run-'));
  const file = join(dir, 'exit.heapsnapshot');
  const guard = guardRun(dir);
  try {
    const child = spawn(bin, ['--require', PRELOAD, ...args], {
      cwd: options.cwd,
      stdio: options.stdio ?? 'inherit',
      env: { ...process.env, BACKREFS_SNAPSHOT_TO: file, ...(options.signal ? { BACKREFS_SNAPSHOT_ON: options.signal } : {}) },
    });
    guard.watch(child);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', (e) => reject(new CaptureError('ENOPROC', `cannot run ${bin}: ${e.message}`)));
      child.on('exit', (code, signal) => resolve({ code, signal }));
      if (child.pid !== undefined) options.onStart?.(child.pid);
    });
    if (!existsSync(file)) {
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      throw new CaptureError('ECAPTURE', `${command.join(' ')} ${how} before writing a heap snapshot${options.signal ? ` (it snapshots on ${options.signal} or at a normal exit)` : ''}`);
    }
    const snapshot = await loadSnapshot(file, { name: `${basename(bin)} ${args.join(' ')}`.trim(), ...options.load });
    if (options.keep) await options.keep(file);
    if (options.save) moveFile(file, options.save);
    return { snapshot, exitCode: exit.code, signal: exit.signal, ...(options.save ? { saved: options.save } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    guard.release();
  }
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    // Only another file system is worth a copy: any other failure (no such folder, a directory) would fail it too, less clearly.
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
  }
}
