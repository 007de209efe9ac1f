import memlab from '@memlab/core';

/** A snapshot as @memlab/core loads it. */
export type MemlabHeap = Awaited<ReturnType<typeof memlab.utils.getSnapshotFromFile>>;

/** One hop of a path from a root toward a target, as plain data (memlab's nodes are fresh wrappers on every access). */
export interface PathStep {
  fromId: number;
  fromName: string;
  edgeName: string | number;
  edgeType: string;
  toId: number;
  toName: string;
}

/** Loads a file with memlab, set up as an oracle: quiet, and throwing instead of calling process.exit. */
export async function loadMemlab(file: string): Promise<MemlabHeap> {
  memlab.config.muteConsole = true;
  memlab.config.errorHandling = memlab.ErrorHandling.Throw;
  return memlab.utils.getSnapshotFromFile(file, {});
}

/**
 * memlab's shortest path from a root to each target, as `memlab trace --node-id` finds it
 * (HeapAnalyzer.dumpPathByNodeId: preparePathFinder, then getPathToGCRoots). The first step starts
 * at a root; the last ends at the target. `null` where memlab finds no path; an empty list when
 * the target is a root itself.
 */
export function memlabPaths(heap: MemlabHeap, targetIds: readonly number[]): Map<number, PathStep[] | null> {
  const finder = memlab.analysis.preparePathFinder(heap);
  const out = new Map<number, PathStep[] | null>();
  for (const id of targetIds) {
    const node = heap.getNodeById(id);
    if (!node) throw new Error(`memlab has no node @${id}`);
    let item = finder.getPathToGCRoots(heap, node);
    if (!item) {
      out.set(id, null);
      continue;
    }
    // memlab's path is a list from the root: each item holds a node and the edge to the next one.
    const steps: PathStep[] = [];
    while (item?.next && item.edge) {
      const e = item.edge;
      steps.push({
        fromId: e.fromNode.id,
        fromName: e.fromNode.name,
        edgeName: e.name_or_index,
        edgeType: e.type,
        toId: e.toNode.id,
        toName: e.toNode.name,
      });
      item = item.next;
    }
    out.set(id, steps);
  }
  return out;
}

/** The same paths from a file. */
export async function memlabShortestPaths(file: string, targetIds: readonly number[]): Promise<Map<number, PathStep[] | null>> {
  return memlabPaths(await loadMemlab(file), targetIds);
}

/** memlab's own rendering of a target's path (what `memlab trace` prints), without colour. */
export function memlabPathText(heap: MemlabHeap, targetId: number): string {
  const finder = memlab.analysis.preparePathFinder(heap);
  const path = finder.getPathToGCRoots(heap, heap.getNodeById(targetId));
  if (!path) return `path for node @${targetId} is not found`;
  return memlab.serializer.summarizePath(path, new memlab.NumericSet(), heap, { color: false });
}

/** Ids of memlab's `object` nodes named `className`, in node order. */
export function memlabObjectIds(heap: MemlabHeap, className: string): number[] {
  const ids: number[] = [];
  heap.nodes.forEach((n) => {
    if (n.type === 'object' && n.name === className) ids.push(n.id);
  });
  return ids;
}
