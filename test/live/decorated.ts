// The seed's two examples as TypeScript 5 standard decorators, compiled by the project's tsc.
// Run by test/toolbox-live.test.ts in a child process: argv[2] is where the graph goes.
import { MemoryTrace, ObjectTrace } from '../../src/index.js';

class Test {}
const seq: Test[] = [];

class Example {
  // A generous limit: the reader's own typed arrays and strings also grow by one or two during the call.
  @ObjectTrace({ limit: 40, backrefs: 'Test', backrefsFile: process.argv[2] })
  func(): void {
    const o = new Test();
    seq.push(o);
  }

  @MemoryTrace({ keyType: 'lineno', top: 3, samplingInterval: 8192 })
  allocate(): number {
    const d = Array.from({ length: 1000000 }, () => ({ x: 0, y: 1 })); // allocating line
    return d.length;
  }

  @ObjectTrace({ limit: 5 })
  async later(n: number): Promise<number> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < n; i++) seq.push(new Test());
    return seq.length;
  }
}

const example = new Example();
example.func();
console.log(`allocated ${example.allocate()}`);
const total = await example.later(500);
console.log(`total ${total}`);
