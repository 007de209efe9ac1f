// A growing cache: a module-level Map that is filled and never emptied. Writes three snapshots,
// baseline / target / final, to argv[2] + '-base', '-target', '-final'. Between baseline and
// target 3000 CacheEntry objects are added; before final, 1000 of them are deleted (they were
// not leaked) and 500 Scratch objects are made and dropped (garbage, never in a snapshot).
const v8 = require('v8');
class CacheEntry {
  constructor(key) { this.key = key; this.value = { hits: 0 }; }
}
class Scratch {}
const cache = new Map();
const out = process.argv[2];
v8.writeHeapSnapshot(`${out}-base`);
for (let i = 0; i < 3000; i++) cache.set(`k${i}`, new CacheEntry(i));
v8.writeHeapSnapshot(`${out}-target`);
for (let i = 0; i < 1000; i++) cache.delete(`k${i}`);
let scratch = [];
for (let i = 0; i < 500; i++) scratch.push(new Scratch());
scratch = null;
v8.writeHeapSnapshot(`${out}-final`);
