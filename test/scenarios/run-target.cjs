// A script for runScript: makes 50 Held objects; with argv[2], writes that file once it is ready
// and waits for a signal; without, exits at once.
const fs = require('fs');
class Held {}
globalThis.held = Array.from({ length: 50 }, () => new Held());
if (process.argv[2]) {
  setInterval(() => {}, 1000);
  fs.writeFileSync(process.argv[2], 'ready');
}
