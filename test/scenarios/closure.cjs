// A closure capture: `handler` closes over `payload`, and `handlers` keeps the closure alive.
const v8 = require('v8');
class Test {}
function makeHandler() {
  const payload = new Test();
  return function handler() { return payload; };
}
const handlers = { onData: makeHandler() };
v8.writeHeapSnapshot(process.argv[2]);
