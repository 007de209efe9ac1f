// A process to capture by pid: holds 1234 Leaky objects, says "ready", answers "pong" to each
// "ping" on stdin, exits when stdin ends.
class Leaky { constructor(i) { this.i = i; } }
globalThis.held = Array.from({ length: 1234 }, (_, i) => new Leaky(i));
process.stdin.setEncoding('utf8');
process.stdin.on('data', (s) => { for (const line of s.split('\n')) if (line === 'ping') process.stdout.write('pong\n'); });
process.stdout.write('ready\n');
