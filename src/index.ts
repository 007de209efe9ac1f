/**
 * backrefs: why is this object still alive? The library behind the CLI, one stage a module:
 * load a snapshot, select targets, walk their retainers, draw the graph.
 */
export { loadSnapshot, type LoadOptions } from './snapshot/load.js';
export type { SnapshotInput } from './snapshot/source.js';
export { HeapSnapshot, type SourceLocation } from './snapshot/heap-snapshot.js';
export type { SnapshotMeta } from './snapshot/meta.js';
export { SnapshotError, type SnapshotErrorCode } from './snapshot/errors.js';
export { SnapshotBuilder } from './snapshot/builder.js';
export { fromMemlab, type MemlabSnapshotLike, type MemlabNodeLike } from './snapshot/memlab.js';
export { className, preview } from './snapshot/names.js';
export { findByType, countByType, sampleByType, findById, classCounts, closestClassNames, type SelectOptions } from './graph/select.js';
export { retainerGraph, type WalkOptions } from './graph/walk.js';
export { heapNode } from './graph/heap-node.js';
export type { HeapNode, GraphNode, GraphEdge, MoreNode, NodeRole, RetainerGraph } from './graph/types.js';
export { toDot, type DotOptions } from './output/dot.js';
export { toJson } from './output/json.js';
export { toText } from './output/text.js';
export { renderSvg, renderPng, renderPdf, PNG_DPI } from './output/render.js';
export { showBackrefs, type ShowBackrefsOptions } from './show-backrefs.js';
export { dominatorTree, type DominatorTree } from './analysis/dominators.js';
export { retainedSizes, retainedSize, shallowSize, dominatorOf, dominatorChain, classRetainedSizes, largestRetained, type ClassSizes } from './analysis/retained-sizes.js';
export { dominatedNodes, type DominatedNodes } from './analysis/dominated.js';
export { shallowSizes } from './analysis/shallow-sizes.js';
export { duplicateStrings, type DuplicateString, type DuplicateStringOptions } from './analysis/duplicate-strings.js';
export { closureScopes, type ClosureScope, type CapturedVariable } from './analysis/closure-scopes.js';
export { allocationSite, allocationSiteLabel, hasAllocationTraces, type AllocationSite, type AllocationFrame } from './analysis/allocation-sites.js';
