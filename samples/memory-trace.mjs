// The seed's MemoryTrace example in JavaScript:
//   d = [dict(zip('xy', (0, 1))) for i in range(1000000)]
//   t = [tuple(zip('xy', (0, 1))) for i in range(1000000)]
import { traceMemory } from 'backrefs';

function func() {
  const d = Array.from({ length: 1000000 }, () => ({ x: 0, y: 1 }));
  const t = Array.from({ length: 1000000 }, () => [['x', 0], ['y', 1]]);
  return d.length + t.length;
}

traceMemory(func, { keyType: process.argv[2] ?? 'lineno', top: 10, frames: 5 });
