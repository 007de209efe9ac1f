// A reference cycle: two Test objects point at each other; a global keeps one of them.
const v8 = require('v8');
class Test { constructor() { this.peer = null; } }
const a = new Test();
const b = new Test();
a.peer = b;
b.peer = a;
globalThis.leaked = a;
v8.writeHeapSnapshot(process.argv[2]);
