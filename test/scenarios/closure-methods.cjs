// An object made by a factory whose methods all close over one scope (the module pattern, and
// how a compiler's program object is built): `store.add`, `get`, `size`, `clear`, `has` share the
// scope that holds `items`, 400 `Record`s. Kept in a global.
//
// Ask: --type Record   store → the five methods (one box) → their scope → items → Record ×400.
const v8 = require('v8');
class Record {
  constructor(i) {
    this.id = i;
  }
}
function makeStore() {
  const items = [];
  const byId = new Map();
  return {
    add(r) {
      items.push(r);
      byId.set(r.id, r);
    },
    get: (i) => items[i],
    size: () => items.length,
    clear() {
      items.length = 0;
    },
    has: (id) => byId.has(id),
  };
}
globalThis.store = makeStore();
for (let i = 0; i < 400; i++) globalThis.store.add(new Record(i));
v8.writeHeapSnapshot(process.argv[2]);
