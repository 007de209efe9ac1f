// Two snapshots of one process: 100 Test objects before, 50 more after, all kept in `kept`.
// `backrefs OUT-after --type Test --since OUT-before` must draw only the 50 new ones.
// Usage: node two-phases.cjs OUT (writes OUT-before and OUT-after)
const v8 = require('v8');
class Test {
  constructor(i) { this.i = i; }
}
const kept = [];
for (let i = 0; i < 100; i++) kept.push(new Test(i));
v8.writeHeapSnapshot(`${process.argv[2]}-before`);
for (let i = 100; i < 150; i++) kept.push(new Test(i));
v8.writeHeapSnapshot(`${process.argv[2]}-after`);
module.exports = kept;
