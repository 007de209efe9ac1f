// Allocation tracking switched on through the inspector, then two functions whose allocations
// are known: makeSessions (defined at line 17) makes 20 `UserSession`s, each holding a flat string of
// 10,000 one-byte characters that nothing else holds; fillCache (line 26) makes 30 `Entry`s kept
// in a Map. V8 records each allocating function with the line where the function is defined.
// Ask: --type UserSession (allocated in makeSessions, line 17), --type Entry (fillCache, line 26).
// Usage: node tracked-sites.cjs OUT.heapsnapshot
'use strict';
const v8 = require('node:v8');
const inspector = require('node:inspector');

class UserSession {
  constructor(data) { this.data = data; }
}
class Entry {
  constructor(key) { this.key = key; }
}
function makeSessions(list) {
  for (let i = 0; i < 20; i++) {
    // Buffer#toString makes a flat string of its own (+ or padStart would share parts).
    const bytes = Buffer.alloc(10000, 'x');
    bytes.write(String(i));
    list.push(new UserSession(bytes.toString('latin1')));
  }
  return list;
}
function fillCache(cache) {
  for (let i = 0; i < 30; i++) cache.set(`k${i}`, new Entry(i));
  return cache;
}

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true }, () => {
  globalThis.sessions = makeSessions([]);
  globalThis.cache = fillCache(new Map());
  v8.writeHeapSnapshot(process.argv[2]);
  session.post('HeapProfiler.stopTrackingHeapObjects', () => session.disconnect());
});
