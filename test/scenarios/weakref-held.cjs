// A WeakRef and a FinalizationRegistry entry that do not make an object collectable, because the
// object is also held strongly by a plain property of a module-level variable (`current.resource`).
// A second class is held only weakly: its WeakRef is made in the job that writes the snapshot, so
// V8's keep-during-job list holds it for that moment only (a root that lets go when the job ends).
//
// Ask: --type Resource   holders to name: `current` (module-level const) and its `resource`
//                        property; the WeakRef and the registry do not hold it
//      --type Cached     held only by the WeakRef (weak) and the transient keep-during-job list
// Usage: node weakref-held.cjs OUT.heapsnapshot
'use strict';
const v8 = require('node:v8');

class Resource {
  constructor(name) {
    this.name = name;
    this.buffer = new Array(500).fill(0);
  }
}
class Cached {
  constructor(name) {
    this.name = name;
  }
}

const registry = new FinalizationRegistry((name) => console.log(`${name} collected`));
const refs = [];
const current = { resource: null };

function open(name) {
  const r = new Resource(name);
  refs.push(new WeakRef(r));
  registry.register(r, name);
  return r;
}

current.resource = open('main');

// A later turn: the module's frame is gone, and so is the Resource from the keep-during-job
// list (cleared when the module's job ended). `snapshot` is a closure over this
// module's scope and runs as an Immediate, so the running Immediate is one path into the scope
// (as in any program that writes a snapshot from a callback): making Cached in the job that
// writes the snapshot needs JavaScript in that job.
function remember(name) {
  refs.push(new WeakRef(new Cached(name)));
}
function snapshot() {
  remember('scratch');
  // (Not refs[0].deref(): deref puts its target on the keep-during-job list again.)
  if (!(current.resource instanceof Resource)) throw new Error('the resource is gone');
  v8.writeHeapSnapshot(process.argv[2] || 'weakref-held.heapsnapshot');
}
setImmediate(snapshot);
