import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/** One function of an allocation stack, as `trace_function_infos` records it. */
export interface AllocationFrame {
  readonly functionName: string;
  readonly scriptName: string;
  readonly scriptId: number;
  /** 1-based, as V8 writes them; 0 when unknown. */
  readonly line: number;
  readonly column: number;
}

/** Where a node was allocated: the allocating function first, then its callers up to the top. */
export interface AllocationSite {
  readonly traceNodeId: number;
  readonly stack: readonly AllocationFrame[];
}

interface TraceIndex {
  /** trace node id -> position in the arrays below */
  readonly position: Map<number, number>;
  readonly functionInfo: Uint32Array;
  /** position of the parent, -1 for the top */
  readonly parent: Int32Array;
}

const computed = new WeakMap<HeapSnapshot, TraceIndex | null>();

/**
 * Whether the snapshot was taken with allocation tracking on (`node --track-heap-objects`, or the
 * inspector's HeapProfiler.startTrackingHeapObjects with trackAllocations), so that nodes carry
 * a `trace_node_id` into the allocation call tree.
 */
export function hasAllocationTraces(snap: HeapSnapshot): boolean {
  return traceIndex(snap) !== null;
}

/**
 * The allocation site of a node: its `trace_node_id` looked up in `trace_tree`, each tree node's
 * function in `trace_function_infos`. Undefined when the snapshot has no traces or the node was
 * allocated before tracking started (trace node id 0).
 */
export function allocationSite(snap: HeapSnapshot, ordinal: number): AllocationSite | undefined {
  const index = traceIndex(snap);
  const off = snap.meta.nodeFields.indexOf('trace_node_id');
  if (index === null || off === -1) return undefined;
  const traceNodeId = snap.nodes[ordinal * snap.nodeFieldCount + off]!;
  let at = traceNodeId === 0 ? undefined : index.position.get(traceNodeId);
  if (at === undefined) return undefined;
  const stack: AllocationFrame[] = [];
  // The top of the tree is V8's "(root)" entry, not a function.
  for (; at !== -1 && index.parent[at] !== -1; at = index.parent[at]!) {
    const frame = functionFrame(snap, index.functionInfo[at]!);
    if (frame) stack.push(frame);
  }
  return stack.length > 0 ? { traceNodeId, stack } : undefined;
}

/**
 * The allocating function alone (the top of `allocationSite`'s stack), as its index in
 * `trace_function_infos`, or -1: no string or stack is made.
 */
export function allocatingFunction(snap: HeapSnapshot, ordinal: number): number {
  const index = traceIndex(snap);
  const off = snap.meta.nodeFields.indexOf('trace_node_id');
  if (index === null || off === -1) return -1;
  const id = snap.nodes[ordinal * snap.nodeFieldCount + off]!;
  const at = id === 0 ? undefined : index.position.get(id);
  return at === undefined ? -1 : topFunctions(snap, index)[at]!;
}

/** `allocatingFunction` of every node, by ordinal, in one pass (all -1 without traces). */
export function allocatingFunctions(snap: HeapSnapshot): Int32Array {
  const out = new Int32Array(snap.nodeCount).fill(-1);
  const index = traceIndex(snap);
  const off = snap.meta.nodeFields.indexOf('trace_node_id');
  if (index === null || off === -1) return out;
  const top = topFunctions(snap, index);
  const { nodes, nodeFieldCount: nf } = snap;
  for (let o = 0, i = off; o < out.length; o++, i += nf) {
    const id = nodes[i]!;
    if (id === 0) continue;
    const at = index.position.get(id);
    if (at !== undefined) out[o] = top[at]!;
  }
  return out;
}

const tops = new WeakMap<TraceIndex, Int32Array>();

/**
 * Per trace tree node, the first function up from it that `trace_function_infos` holds (the top of
 * the tree is V8's "(root)", not a function): -1 when there is none. Parents come before their
 * children in the index, so one pass in order fills it.
 */
function topFunctions(snap: HeapSnapshot, index: TraceIndex): Int32Array {
  let top = tops.get(index);
  if (top) return top;
  const n = snap.meta.traceFunctionInfoFields.length;
  const infos = snap.allocationTraces.functionInfos.length;
  top = new Int32Array(index.parent.length).fill(-1);
  for (let at = 0; at < top.length; at++) {
    const parent = index.parent[at]!;
    if (parent === -1) continue;
    const fn = index.functionInfo[at]!;
    top[at] = n > 0 && (fn + 1) * n <= infos ? fn : top[parent]!;
  }
  tops.set(index, top);
  return top;
}

/** The function at an index of `trace_function_infos`. */
export function allocationFunction(snap: HeapSnapshot, index: number): AllocationFrame | undefined {
  return functionFrame(snap, index);
}

/** `name script:line:column` for the allocating function: a key to group nodes by where they were made. */
export function allocationSiteLabel(site: AllocationSite): string {
  const f = site.stack[0]!;
  return `${f.functionName || '(anonymous)'} ${f.scriptName || `script ${f.scriptId}`}:${f.line}:${f.column}`;
}

function functionFrame(snap: HeapSnapshot, index: number): AllocationFrame | undefined {
  const fields = snap.meta.traceFunctionInfoFields;
  const infos = snap.allocationTraces.functionInfos;
  const n = fields.length;
  if (n === 0 || (index + 1) * n > infos.length) return undefined;
  const field = (name: string): number => {
    const i = fields.indexOf(name);
    return i === -1 ? 0 : infos[index * n + i]!;
  };
  const string = (name: string): string => {
    const i = fields.indexOf(name);
    const s = i === -1 ? -1 : infos[index * n + i]!;
    return s >= 0 && s < snap.strings.count ? snap.strings.get(s) : '';
  };
  return { functionName: string('name'), scriptName: string('script_name'), scriptId: field('script_id'), line: field('line'), column: field('column') };
}

function traceIndex(snap: HeapSnapshot): TraceIndex | null {
  let index = computed.get(snap);
  if (index === undefined) {
    index = buildIndex(snap);
    computed.set(snap, index);
  }
  return index;
}

/**
 * `trace_tree` is nested arrays: each tree node is `trace_node_fields` long (id,
 * function_info_index, count, size, children), its last field the flat list of its children.
 * Walked with a stack: a deep call tree must not exhaust the call stack.
 */
function buildIndex(snap: HeapSnapshot): TraceIndex | null {
  const fields = snap.meta.traceNodeFields;
  const text = snap.allocationTraces.tree;
  if (fields.length === 0 || text.length === 0 || snap.allocationTraces.functionInfos.length === 0) return null;
  let tree: unknown;
  try {
    tree = JSON.parse(text.toString('utf8'));
  } catch {
    return null;
  }
  const idOff = fields.indexOf('id');
  const fnOff = fields.indexOf('function_info_index');
  const childOff = fields.indexOf('children');
  if (!Array.isArray(tree) || idOff === -1 || fnOff === -1 || childOff === -1) return null;
  const n = fields.length;
  const ids: number[] = [];
  const fns: number[] = [];
  const parents: number[] = [];
  const work: { list: unknown[]; parent: number }[] = [{ list: tree, parent: -1 }];
  while (work.length > 0) {
    const { list, parent } = work.pop()!;
    for (let i = 0; i + n <= list.length; i += n) {
      const id = list[i + idOff];
      const fn = list[i + fnOff];
      if (typeof id !== 'number' || typeof fn !== 'number') continue;
      const at = ids.length;
      ids.push(id);
      fns.push(fn);
      parents.push(parent);
      const children = list[i + childOff];
      if (Array.isArray(children) && children.length > 0) work.push({ list: children, parent: at });
    }
  }
  if (ids.length === 0) return null;
  const position = new Map<number, number>();
  ids.forEach((id, at) => position.set(id, at));
  return { position, functionInfo: Uint32Array.from(fns), parent: Int32Array.from(parents) };
}
