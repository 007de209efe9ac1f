// Allocation tracking switched on through the inspector (HeapProfiler.startTrackingHeapObjects),
// then objects made by known functions: `Leaky` instances by makeLeaks (defined at line 9).
const v8 = require('v8');
const inspector = require('inspector');
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true }, () => {
  class Leaky { constructor(i) { this.i = i; } }
  function makeLeaks() {
    const out = [];
    for (let i = 0; i < 100; i++) {
      out.push(new Leaky(i));
    }
    return out;
  }
  globalThis.kept = makeLeaks();
  globalThis.table = new Map([[1, 2]]);
  v8.writeHeapSnapshot(process.argv[2]);
  session.post('HeapProfiler.stopTrackingHeapObjects', () => session.disconnect());
});
