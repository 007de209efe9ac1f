// The seed's MemoryTrace example in JavaScript: [dict(zip('xy', (0, 1))) for i in range(1000000)]
// and the tuples after it, traced in each key type; then a call that keeps 100000 objects alive,
// traced with 'diff'. argv[2]: the built library's index.js.
const { traceMemory } = await import(process.argv[2]);

function func() {
  const d = Array.from({ length: 1000000 }, () => ({ x: 0, y: 1 })); // dicts
  const t = Array.from({ length: 1000000 }, () => [['x', 0], ['y', 1]]); // tuples
  return d.length + t.length;
}

let kept;
function keep() {
  kept = Array.from({ length: 100000 }, (_, i) => ({ id: i })); // kept
  const garbage = Array.from({ length: 100000 }, (_, i) => ({ tmp: i })); // garbage
  return garbage.length;
}

traceMemory(func, { keyType: 'lineno', top: 5, samplingInterval: 8192 });
traceMemory(func, { keyType: 'traceback', frames: 3, samplingInterval: 8192 });
traceMemory(keep, { keyType: 'diff', top: 5, samplingInterval: 8192 });
if (kept.length !== 100000) throw new Error('kept');
