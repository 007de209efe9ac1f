/**
 * Child process of generate-shapes: closures made in loops inside nested functions, so that each
 * module's scope (which holds its `Session`) is the `previous` of thousands of inner scopes, and
 * the closures sit in event-emitter-like listener lists. COUNT closures in all, 5,000 a module.
 * `node shape-scopes.js OUT COUNT`.
 */
import { buildAndWrite } from './shape-write.js';

const PER_MODULE = 5_000;

class Session {
  readonly label: string;
  constructor(readonly id: number) {
    this.label = `session-${id}`;
  }
}
class Emitter {
  readonly listeners: Array<() => number> = [];
  on(listener: () => number): void {
    this.listeners.push(listener);
  }
}

function makeModule(id: number, closures: number): Emitter {
  const session = new Session(id);
  const emitter = new Emitter();
  let calls = 0;
  // A scope per call: its `previous` is makeModule's scope.
  function register(i: number): void {
    const local = { i };
    emitter.on(() => local.i + session.id + calls++);
  }
  function group(from: number, to: number): void {
    const base = from;
    for (let i = from; i < to; i++) {
      if (i % 2 === 0) register(i);
      // A block scope per iteration (the `let`), inside group's scope, inside makeModule's.
      else emitter.on(() => i + base + session.id);
    }
  }
  for (let from = 0; from < closures; from += 500) group(from, Math.min(closures, from + 500));
  return emitter;
}

buildAndWrite('shape-scopes', (count) => {
  const emitters: Emitter[] = [];
  for (let m = 0; m * PER_MODULE < count; m++) emitters.push(makeModule(m, Math.min(PER_MODULE, count - m * PER_MODULE)));
  return { emitters };
});
