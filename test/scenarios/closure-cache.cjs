// A memoising cache of functions: `cache` (a module-level Map) keeps one query function per key,
// and each function closes, three scopes deep, over a large Dataset it was built from. Nothing
// but the cached closures' scope chains still points at the datasets. The module exports its
// `query`, so its scope (and `cache`) lives as long as the module record does.
//
// Ask: --type Dataset   holders to name: `cache` (the Map, a module-level const), and the
//      `data` variable of makeQuery's scope that the cached closures reach through `previous`
// Usage: node closure-cache.cjs OUT.heapsnapshot
'use strict';
const v8 = require('node:v8');

const cache = new Map();

function memoize(key, build) {
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key);
}

class Dataset {
  constructor(name, n) {
    this.name = name;
    this.rows = Array.from({ length: n }, (_, i) => ({ id: i, label: `${name}-${i}` }));
  }
}

function makeQuery(name) {
  const data = new Dataset(name, 300);
  function indexed() {
    const byId = new Map(data.rows.map((r) => [r.id, r]));
    return function filtered(keep) {
      const prefix = `${name}:`;
      return function lookup(id) {
        const row = byId.get(id);
        return row && keep(row) ? prefix + row.label + '/' + data.rows.length : undefined;
      };
    };
  }
  return indexed()((row) => row.id % 2 === 0);
}

function query(key, id) {
  return memoize(key, () => makeQuery(key))(id);
}
module.exports = { query };

let hits = 0;
for (const key of ['users', 'orders', 'invoices', 'products', 'reviews']) {
  if (query(key, 2) !== undefined) hits++;
}
if (hits !== 5) throw new Error(`expected 5 hits, got ${hits}`);

// A later turn, so that nothing on the stack holds a query function, and V8's own function as
// the callback, not a closure over this module's scope (which would be one more path into it).
setImmediate(v8.writeHeapSnapshot, process.argv[2] || 'closure-cache.heapsnapshot');
