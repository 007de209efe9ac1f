/**
 * SIGINT and SIGTERM while something must be undone first (a temp file to remove, an inspector
 * to close in another process): the undo steps run, then the process exits with the status a
 * shell reports for death by that signal (128 + its number). A second signal exits at once: the
 * user has said they will not wait.
 */

type Undo = () => void | Promise<void>;

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNALS;

const undos = new Set<Undo>();
const handlers = new Map<Signal, () => void>();
let stopping = false;

/** Runs `undo` on SIGINT/SIGTERM until the returned function is called. */
export function onInterrupt(undo: Undo): () => void {
  undos.add(undo);
  arm();
  return () => {
    undos.delete(undo);
    // While stopping, the handlers stay: they are what a second signal needs.
    if (undos.size === 0 && !stopping) disarm();
  };
}

/**
 * Only while something is to be undone: the rest of the time the default action (exit at once)
 * is right, and a handler would only delay it.
 */
function arm(): void {
  if (handlers.size > 0) return;
  for (const signal of Object.keys(SIGNALS) as Signal[]) {
    const handler = () => {
      if (stopping) process.exit(SIGNALS[signal]);
      stopping = true;
      const pending: Promise<void>[] = [];
      for (const undo of [...undos]) {
        try {
          const r = undo();
          if (r) pending.push(r);
        } catch {
          // One undo failing must not keep the others from running.
        }
      }
      undos.clear();
      if (pending.length === 0) process.exit(SIGNALS[signal]);
      void Promise.allSettled(pending).then(() => process.exit(SIGNALS[signal]));
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function disarm(): void {
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
}
