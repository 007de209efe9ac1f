// A WeakRef and a FinalizationRegistry entry that do not make an object collectable, because the
// object is also held strongly by a plain property of a module-level variable (`current.resource`).
// A second class is held only weakly. The snapshot is written in the same job that made the
// WeakRefs, so V8's keep-during-job list holds both for that moment (a root that lets go at the
// end of the job).
//
// Ask: --type Resource   holder to name: `current` (module-level const) and its `resource` property;
//                        the WeakRef and the registry must not count as holders
//      --type Cached     held only by the WeakRef plus the transient keep-during-job list
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
refs.push(new WeakRef(new Cached('scratch')));

v8.writeHeapSnapshot(process.argv[2] || 'weakref-held.heapsnapshot');
