// A WeakRef alone does not keep its target alive; `strong` does.
const v8 = require('v8');
class Test {}
const strong = [new Test()];
const ref = new WeakRef(strong[0]);
globalThis.ref = ref;
v8.writeHeapSnapshot(process.argv[2]);
