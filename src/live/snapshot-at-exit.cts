// Preloaded (node --require) into a script that runScript runs: writes a heap snapshot of the
// script when it exits, or when it receives the signal the user named, to the path runScript
// chose. CommonJS, so that --require loads it before either kind of entry point.
/* eslint-disable */
const v8 = require('node:v8') as typeof import('node:v8');
const fs = require('node:fs') as typeof import('node:fs');

const path = process.env['BACKREFS_SNAPSHOT_TO'];
const signal = process.env['BACKREFS_SNAPSHOT_ON'];
if (path) {
  // Only the process runScript started: forked children inherit --require, not the duty.
  delete process.env['BACKREFS_SNAPSHOT_TO'];
  delete process.env['BACKREFS_SNAPSHOT_ON'];
  let written = false;
  const write = (): void => {
    if (written) return;
    written = true;
    const partial = `${path}.partial`;
    v8.writeHeapSnapshot(partial);
    fs.renameSync(partial, path);
  };
  process.on('exit', write);
  if (signal) {
    process.on(signal as NodeJS.Signals, () => {
      write();
      process.exit(0);
    });
  }
}
