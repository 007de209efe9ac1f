import type { RetainerGraph } from '../graph/types.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/**
 * What every drawing command adds to its boxes once the graph is made: retained sizes when
 * asked (`--retained`), allocation sites whenever the snapshot carries traces. Neither module is
 * loaded, nor anything computed, when neither applies.
 */
export async function annotateGraph(snap: HeapSnapshot, graph: RetainerGraph, o: { retained: boolean; clock: (phase: string) => void }): Promise<RetainerGraph> {
  let g = graph;
  if (o.retained) {
    g = (await import('../graph/with-retained.js')).withRetainedSizes(snap, g);
    o.clock('retained sizes');
  }
  if (mayHaveTraces(snap)) {
    g = (await import('../graph/with-allocation-sites.js')).withAllocationSites(snap, g);
    o.clock('allocation sites');
  }
  return g;
}

/** Without tracking, V8 writes `trace_function_infos` empty: nothing to read. */
export function mayHaveTraces(snap: HeapSnapshot): boolean {
  return snap.allocationTraces.functionInfos.length > 0 && snap.meta.nodeFields.includes('trace_node_id');
}
