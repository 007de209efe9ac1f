import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className, nodeTitle as title } from '../analysis/class-names.js';
import { preview } from '../snapshot/names.js';
import { markCycles } from './cycles.js';
import { heapNode } from './heap-node.js';
import { moreBox } from './more-box.js';
import { nodeKeys } from './node-keys.js';
import { globalObjects, isRoot, looksGlobal } from './noise.js';
import { retainerArrow, Retainers } from './retainers.js';
import type { GraphEdge, GraphNode, HeapNode, MoreNode, NodeRole, RetainerGraph } from './types.js';

export interface WalkOptions {
  /** How many retainer levels to follow (objgraph's `max_depth`). Default 10. */
  maxDepth?: number;
  /** Past this many retainers of one node, draw one "K more retainers" box. Default 10. */
  tooMany?: number;
  /** Every edge as V8 recorded it: no noise rules, no collapsing, walks through roots. */
  raw?: boolean;
  /** Also follow weak edges (drawn dashed). */
  includeWeak?: boolean;
  /** Class names (`Foo`) or heap ids (`@123`, 123) never drawn nor walked through. */
  ignore?: readonly (string | number)[];
  /** Called for each candidate retainer; false leaves it out (objgraph's `filter`). */
  filter?: (node: HeapNode) => boolean;
}

/**
 * objgraph's show_backrefs walk on a heap snapshot: breadth-first up the retainers from the
 * targets; a node's depth is fixed where it is first found; edges to nodes already drawn are
 * still drawn, so cycles show. Roots and global objects are drawn but not walked through.
 */
export function retainerGraph(snap: HeapSnapshot, targets: readonly number[], options: WalkOptions = {}): RetainerGraph {
  const maxDepth = options.maxDepth ?? 10;
  const tooMany = options.tooMany ?? 10;
  const raw = options.raw ?? false;
  const retainers = new Retainers(snap, { raw, includeWeak: options.includeWeak ?? false });
  const ignored = ignoreTest(options.ignore ?? []);
  const globals = globalObjects(snap);
  const roleOf = (ordinal: number): NodeRole =>
    depthOf.get(ordinal) === 0 ? 'target' : isRoot(snap, ordinal) ? 'root' : globals.has(ordinal) || looksGlobal(snap, ordinal) ? 'global' : 'retainer';

  const depthOf = new Map<number, number>();
  const keyFor = nodeKeys(snap);
  const nodes: GraphNode[] = [];
  const more: MoreNode[] = [];
  const edges: GraphEdge[] = [];

  const queue: number[] = [];
  for (const t of targets) {
    if (depthOf.has(t)) continue;
    depthOf.set(t, 0);
    queue.push(t);
  }
  for (let head = 0; head < queue.length; head++) {
    const ordinal = queue[head]!;
    const depth = depthOf.get(ordinal)!;
    const role = roleOf(ordinal);
    const key = keyFor(ordinal);
    const node = heapNode(snap, ordinal);
    // Field by field, not `{ ...node, key, ... }`: V8 gave every object spread that way a hidden
    // class of its own, so a million nodes took 2.4x the memory and every stage reading them
    // (cycles, DOT, JSON) went megamorphic: the walk and the DOT each 3x slower.
    const { id, type, name, className, selfSize } = node;
    nodes.push({ ordinal, id, type, name, className, selfSize, key, title: title(snap, ordinal), preview: preview(snap, ordinal), depth, role, count: 1, totalSize: selfSize, ids: [id] });
    if (depth >= maxDepth) continue;
    if (!raw && (role === 'root' || role === 'global')) continue;
    let drawn = 0;
    let skipped = 0;
    // Each (source, label, weak) once: a root list may hold the same object in several slots, one arrow says it.
    retainers.distinct(ordinal, (source, edge, weak, hop) => {
      if (ignored(snap, source)) return;
      if (options.filter && !options.filter(heapNode(snap, source))) return;
      if (drawn >= tooMany) {
        skipped++;
        return;
      }
      drawn++;
      edges.push(retainerArrow(snap, retainers.retainer(source, edge, weak, hop), keyFor(source), key));
      if (!depthOf.has(source)) {
        depthOf.set(source, depth + 1);
        queue.push(source);
      }
    });
    if (skipped > 0) {
      const box = moreBox(key, depth + 1, skipped);
      more.push(box.node);
      edges.push(box.edge);
    }
  }
  markCycles(edges);
  return { nodes, more, edges, maxDepth, raw, walk: 'bfs' };
}

export function ignoreTest(ignore: readonly (string | number)[]): (snap: HeapSnapshot, ordinal: number) => boolean {
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const item of ignore) {
    if (typeof item === 'number') ids.add(item);
    else if (/^@?\d+$/.test(item)) ids.add(Number(item.replace('@', '')));
    else names.add(item);
  }
  if (ids.size === 0 && names.size === 0) return () => false;
  return (snap, ordinal) => ids.has(snap.nodeId(ordinal)) || (names.size > 0 && (names.has(snap.nodeName(ordinal)) || names.has(className(snap, ordinal))));
}
