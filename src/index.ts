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
export { baseClassName, preview, isScopeName, rootEdgeLabel, isTransientRootList, transientRootNote } from './snapshot/names.js';
export { className, nodeTitle } from './analysis/class-names.js';
export { objectShapes, shapeIndexOf, shapeName, formatPropertyName, type ObjectShapes } from './analysis/object-shapes.js';
export { detachedNatives, isDetachedNative } from './analysis/detached.js';
export { findByType, countByType, sampleByType, findById, classCounts, closestClassNames, type SelectOptions } from './graph/select.js';
export { retainerGraph, type WalkOptions } from './graph/walk.js';
export { whyGraph, type WhyOptions } from './graph/why.js';
export { shortestChain, chains, type ChainStep, type ChainGroup } from './graph/chain.js';
export { chainGraph } from './graph/chain-graph.js';
export { distances, UNREACHABLE, SYSTEM_BASE, NO_EDGE, type Distances } from './analysis/distances.js';
export { parseWeakMapEdge, type WeakMapEdge } from './analysis/ephemerons.js';
export { heapNode } from './graph/heap-node.js';
export type { HeapNode, GraphNode, GraphEdge, MoreNode, NodeRole, RetainerGraph } from './graph/types.js';
export { toDot, dotChunks, type DotOptions } from './output/dot.js';
export { toJson, jsonChunks } from './output/json.js';
export { toText } from './output/text.js';
export { renderSvg, renderPng, renderPdf, PNG_DPI } from './output/render.js';
export { showBackrefs, type ShowBackrefsOptions } from './show-backrefs.js';
export { typeStats, groupByName, JS_TYPES, type ClassStat, type NameGroups, type TypeStatsOptions } from './analysis/type-stats.js';
export { summarize, growth, checkIds, newSince, newOfClass, statsOfNodes, type HeapSummary, type Growth, type IdCheck } from './analysis/diff.js';
export { allocatedBetween, findLeaks, pathText, type LeakReport, type LeakGroup, type PathStep } from './analysis/leaks.js';
export { IdSet } from './analysis/id-set.js';
export { typesTable, growthTable, leaksText } from './output/tables.js';
export { snapshotSink, type SnapshotSink } from './snapshot/sink.js';
export { takeSnapshot } from './live/take-snapshot.js';
export { captureByPid, CaptureError, type CaptureOptions, type CaptureResult, type CaptureErrorCode } from './live/capture-pid.js';
export { traceObjects, type TraceObjectsOptions } from './live/trace-objects.js';
export { traceMemory, type TraceMemoryOptions, type KeyType } from './live/trace-memory.js';
export { ObjectTrace, MemoryTrace } from './live/decorators.js';
export { runScript, type RunScriptOptions, type ScriptRun } from './live/run-script.js';
export { dominatorTree, type DominatorTree } from './analysis/dominators.js';
export { retainedSizes, retainedSize, shallowSize, dominatorOf, dominatorChain, classRetainedSizes, largestRetained, type ClassSizes } from './analysis/retained-sizes.js';
export { dominatedNodes, type DominatedNodes } from './analysis/dominated.js';
export { shallowSizes } from './analysis/shallow-sizes.js';
export { duplicateStrings, type DuplicateString, type DuplicateStringOptions } from './analysis/duplicate-strings.js';
export { closureScopes, type ClosureScope, type CapturedVariable } from './analysis/closure-scopes.js';
export { allocationSite, allocationSiteLabel, hasAllocationTraces, type AllocationSite, type AllocationFrame } from './analysis/allocation-sites.js';
