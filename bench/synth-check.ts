import { loadSnapshot } from '../src/snapshot/load.js';
import type { SynthResult } from './synth.js';

/**
 * Reads a synthetic file back with backrefs' own reader (which validates every edge and name)
 * and compares what it finds with what the writer says it wrote. Throws on any mismatch.
 */
export async function checkSynthetic(r: SynthResult): Promise<string> {
  const snap = await loadSnapshot(r.path);
  const problems: string[] = [];
  if (snap.nodeCount !== r.nodes) problems.push(`nodes: read ${snap.nodeCount}, wrote ${r.nodes}`);
  if (snap.edgeCount !== r.edges) problems.push(`edges: read ${snap.edgeCount}, wrote ${r.edges}`);
  if (snap.nodeId(0) !== 1 || snap.nodeName(1) !== '(GC roots)' || snap.nodeId(1) !== 3) problems.push('root @1 and (GC roots) @3 are not first');
  const testNames = new Set(snap.strings.indicesOf('Test'));
  const objectType = snap.meta.nodeTypes.indexOf('object');
  let tests = 0;
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeTypeIndex(o) === objectType && testNames.has(snap.nodeNameIndex(o))) tests++;
  if (tests !== r.tests) problems.push(`Test objects: read ${tests}, wrote ${r.tests}`);
  // Every node except the root is retained by something, as in a real heap.
  for (let o = 1; o < snap.nodeCount; o++) if (snap.retainingEdges(o).length === 0) {
    problems.push(`node ${o} (${snap.nodeName(o)}) has no retainer`);
    break;
  }
  if (problems.length) throw new Error(`${r.path} does not read back as written:\n  ${problems.join('\n  ')}`);
  return `checked: loadSnapshot reads ${snap.nodeCount} nodes, ${snap.edgeCount} edges, ${tests} Test objects, every node retained`;
}
