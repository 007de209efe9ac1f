import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/** Past this many nodes between one edge's source and the next, a search is cheaper than a walk. */
const MAX_STEPS = 48;

/**
 * The sources of edges asked for in rising order (a retainer list is in edge order): each is
 * found by stepping on from the last one's node, where HeapSnapshot.edgeSource searches from
 * scratch. A node held by a million edges asks a million times, mostly of neighbouring nodes.
 * Falls back to that search for an edge before the last one or far past it.
 */
export class EdgeSources {
  private source = -1;
  /** Where the edges of `source` start and end in `edges`. */
  private start = 0;
  private end = 0;

  constructor(private readonly snap: HeapSnapshot) {}

  of(edge: number): number {
    if (edge >= this.start && edge < this.end) return this.source;
    const { snap } = this;
    if (edge >= this.end && this.source !== -1) {
      let o = this.source;
      let end = this.end;
      for (let steps = 0; steps < MAX_STEPS && o + 1 < snap.nodeCount; steps++) {
        const start = end;
        o++;
        end = snap.firstEdge(o + 1);
        if (edge < end) return this.at(o, start, end);
      }
    }
    const o = snap.edgeSource(edge);
    return this.at(o, snap.firstEdge(o), snap.firstEdge(o + 1));
  }

  private at(source: number, start: number, end: number): number {
    this.source = source;
    this.start = start;
    this.end = end;
    return source;
  }
}
