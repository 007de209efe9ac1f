import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/** Signals a terminal or a supervisor sends to end a program; the default action would skip every cleanup. */
const ENDING = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Ending = (typeof ENDING)[number];

export interface RunGuard {
  /** The child runScript started: a signal that ends backrefs ends it first. */
  watch(child: ChildProcess): void;
  /** The folder is gone and the run is over: the default actions are right again. */
  release(): void;
}

/**
 * While runScript's temporary folder exists, a signal that would end backrefs ends its child
 * first (left running, it would be orphaned), then removes the folder, then exits as that signal
 * would have (128 + its number, what a shell reports). SIGINT is not passed on: a terminal's
 * Ctrl-C reaches the child already, through its process group, and the child decides (a script
 * snapshotting on SIGINT then exits and is explained). A second signal while the child lingers
 * kills it. A signal the host program handles itself is left to it.
 */
export function guardRun(dir: string): RunGuard {
  let child: ChildProcess | undefined;
  let ending: Ending | undefined;
  const handlers = new Map<Ending, () => void>();
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const finish = (signal: Ending) => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of ENDING) {
    if (process.listenerCount(signal) > 0) continue;
    const handler = () => {
      if (!running()) {
        rmSync(dir, { recursive: true, force: true });
        // Not at once: a temp file's own handler (src/cli/temp-file.ts), after this one, removes it then exits itself.
        setImmediate(() => finish(signal));
        return;
      }
      if (ending !== undefined) return void child!.kill('SIGKILL');
      if (signal === 'SIGINT') return;
      ending = signal;
      // Exits inside the child's 'exit' event, before runScript goes on to report a child killed by a signal.
      child!.once('exit', () => finish(signal));
      child!.kill(signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return {
    watch(c) {
      child = c;
    },
    release() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      handlers.clear();
    },
  };
}
