// The closure leak, two ways. `outer` makes `big` (1e6 numbers) for `unused`, which is dropped,
// and returns `tick`, which uses only `n`; V8 put `big` in the scope because `unused` refers to
// it, and every closure of a scope shares it: `tick` keeps `big` alive. `pair` returns `read`,
// which uses `table`, and `ping`, which does not: `ping` keeps `table` alive for `read`.
//
// Ask: scopes --type tick   names `big`, used by no live closure, kept by tick().
//      scopes --type ping   names `table`, used by read(), kept by ping() too.
const v8 = require('v8');
function outer() {
  const big = new Array(1e6).fill(1);
  let n = 0;
  const unused = () => big.length;
  return function tick() { return ++n; };
}
function pair() {
  const table = new Map([[1, new Array(50000).fill(2)]]);
  return { read: (k) => table.get(k), ping: () => 'pong' };
}
globalThis.tick = outer();
globalThis.pair = pair();
setImmediate(v8.writeHeapSnapshot, process.argv[2]);
