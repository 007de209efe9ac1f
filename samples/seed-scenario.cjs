// The seed article's example in JavaScript: a module-level `seq` keeps every Test alive.
// Usage: node samples/seed-scenario.js [out.heapsnapshot]
const v8 = require('v8');
const seq = [];
class Test {}
function func() { const o = new Test(); seq.push(o); return; }
func();
v8.writeHeapSnapshot(process.argv[2] || 'seed.heapsnapshot');
