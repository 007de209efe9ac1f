// Linked lists hold the leaks (`backrefs --type Job`, `--type Task`, `--type Payload`):
// - 20 `setInterval` timers, each callback closing over a `Job`: Node keeps the Timeouts in a
//   doubly linked list (`_idlePrev` / `_idleNext`) hung off a TimersList;
// - 30 callbacks on a promise that never settles, each closing over a `Task`: V8 keeps the
//   reactions as a chain of PromiseReaction objects;
// - a hand-written queue of 50 `Entry {value, next}` links in a global, each value a `Payload`.
//
// Ask: --type Job   the picture draws the 20 Timeouts as one box linked onto itself, and the
// callbacks, their scopes and the Jobs as one row each (not one column per timer).
const v8 = require('v8');
class Job {
  constructor(i) {
    this.i = i;
  }
}
const timers = [];
for (let i = 0; i < 20; i++) {
  const job = new Job(i);
  timers.push(setInterval(() => job.i++, 1e6));
}
class Task {
  constructor(i) {
    this.i = i;
  }
}
const never = new Promise(() => {});
for (let i = 0; i < 30; i++) {
  const task = new Task(i);
  never.then(() => task.i);
}
class Payload {
  constructor(i) {
    this.bytes = `payload-${i}`.repeat(4);
  }
}
class Entry {
  constructor(value, next) {
    this.value = value;
    this.next = next;
  }
}
let queue = null;
for (let i = 0; i < 50; i++) queue = new Entry(new Payload(i), queue);
globalThis.queue = queue;
v8.writeHeapSnapshot(process.argv[2]);
for (const t of timers) clearInterval(t);
