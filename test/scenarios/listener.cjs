// A listener leak: every Widget registers `config.on('config-changed', () => this.reload())` and
// nothing removes it, so the arrow function (which captures `this`) keeps each Widget alive
// through the module-level emitter `config` long after the code that made it dropped it. The
// emitter lives as long as the process: a SIGHUP handler (reload the configuration) uses it.
//
// Ask: --type Widget   holders to name: `config` (the EventEmitter, a module-level const), its
//      `_events` and the `config-changed` listener list (the arrow function's captured `this`)
// Usage: node listener.cjs OUT.heapsnapshot
'use strict';
const { EventEmitter } = require('node:events');
const v8 = require('node:v8');

const config = new EventEmitter();

class Widget {
  constructor(name) {
    this.name = name;
    this.rendered = new Array(200).fill(name);
    config.on('config-changed', () => this.reload());
  }
  reload() {
    this.rendered = new Array(200).fill(`${this.name}!`);
  }
}

// A short-lived page of widgets: the array goes away, the widgets do not.
function showPage(n) {
  const page = [];
  for (let i = 0; i < n; i++) page.push(new Widget(`widget-${i}`));
  return page.length;
}
process.on('SIGHUP', () => config.emit('config-changed'));
showPage(6);
config.emit('config-changed');

// A later turn, as when someone looks at a running program: the module's own frame (and the
// locals on it) is gone from the stack, and the callback is V8's own function, not a closure
// over this module's scope (which would be one more path into it).
setImmediate(v8.writeHeapSnapshot, process.argv[2] || 'listener.heapsnapshot');
