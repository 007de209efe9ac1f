// The closure leak: `unused` refers to `big`, so V8 keeps `big` in the scope that `handler` shares,
// and `handler` (which uses only `small`) keeps 100,000 elements alive after `unused` is gone.
const v8 = require('v8');
function outer() {
  const big = new Array(100000).fill(1);
  const small = { a: 1 };
  function unused() { return big; }
  unused();
  return function handler() { return small; };
}
globalThis.handler = outer();
v8.writeHeapSnapshot(process.argv[2]);
