// An event-listener leak: each "request" subscribes a handler to a long-lived emitter and never
// unsubscribes; the handler closes over the request's RequestContext, so every context stays.
// Snapshots: argv[2] + '-base' (after a warm-up), '-target' (after 400 requests), '-final'
// (after 400 more requests whose handlers are removed: those are not leaks).
const v8 = require('v8');
const { EventEmitter } = require('events');
class RequestContext {
  constructor(id) { this.id = id; this.body = new Array(16).fill(id); }
}
const bus = new EventEmitter();
bus.setMaxListeners(0);
function handle(id, cleanUp) {
  const ctx = new RequestContext(id);
  const onConfig = () => ctx.id; // captures ctx
  bus.on('config', onConfig);
  if (cleanUp) bus.off('config', onConfig);
}
const out = process.argv[2];
handle(-1, true);
v8.writeHeapSnapshot(`${out}-base`);
for (let i = 0; i < 400; i++) handle(i, false);
v8.writeHeapSnapshot(`${out}-target`);
for (let i = 0; i < 400; i++) handle(1000 + i, true);
v8.writeHeapSnapshot(`${out}-final`);
