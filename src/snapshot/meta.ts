import { SnapshotError } from './errors.js';

/** The header of a snapshot: field layouts and enums, looked up by name once. */
export interface SnapshotMeta {
  readonly nodeFields: readonly string[];
  readonly edgeFields: readonly string[];
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly locationFields: readonly string[];
  /** Field names of `trace_function_infos` and of `trace_tree` nodes (empty without allocation tracking). */
  readonly traceFunctionInfoFields: readonly string[];
  readonly traceNodeFields: readonly string[];
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Offsets of the node fields backrefs uses; -1 when the producer omits one. */
  readonly nodeOffsets: {
    readonly type: number;
    readonly name: number;
    readonly id: number;
    readonly selfSize: number;
    readonly edgeCount: number;
    readonly detachedness: number;
  };
  readonly edgeOffsets: { readonly type: number; readonly nameOrIndex: number; readonly toNode: number };
}

/**
 * V8's own enums, in its order. Older V8 builds wrote nodes of types their header did not list
 * yet (2017 Chrome: `symbol`, type 12, after an 11-entry list); a header that is a prefix of
 * these is completed with them.
 */
const V8_NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'];
const V8_EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

const REQUIRED_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count'] as const;
const REQUIRED_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'] as const;
/** Far beyond any real heap, and what a Uint32Array index can address. */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/** Reads the parsed `snapshot` object of the file; throws a SnapshotError naming what is missing. */
export function readMeta(header: unknown, file: string): SnapshotMeta {
  const fail = (detail: string): never => {
    throw new SnapshotError('EFORMAT', file, `not a heap snapshot: ${detail}`);
  };
  if (!isRecord(header)) return fail('"snapshot" is not an object');
  const meta = header['meta'];
  if (!isRecord(meta)) return fail('"snapshot.meta" is missing');
  const nodeFields = stringList(meta['node_fields']) ?? fail('"snapshot.meta.node_fields" is not a list of names');
  const edgeFields = stringList(meta['edge_fields']) ?? fail('"snapshot.meta.edge_fields" is not a list of names');
  const nodeTypes = enumList(meta['node_types'], nodeFields) ?? fail('"snapshot.meta.node_types" has no type enum');
  const edgeTypes = enumList(meta['edge_types'], edgeFields) ?? fail('"snapshot.meta.edge_types" has no type enum');
  const locationFields = stringList(meta['location_fields']) ?? [];
  for (const f of REQUIRED_NODE_FIELDS) if (!nodeFields.includes(f)) fail(`node field "${f}" is missing from meta.node_fields`);
  for (const f of REQUIRED_EDGE_FIELDS) if (!edgeFields.includes(f)) fail(`edge field "${f}" is missing from meta.edge_fields`);
  const nodeCount = count(header['node_count'], 'node_count', nodeFields.length, file);
  const edgeCount = count(header['edge_count'], 'edge_count', edgeFields.length, file);
  return {
    nodeFields,
    edgeFields,
    nodeTypes: completeEnum(nodeTypes, V8_NODE_TYPES),
    edgeTypes: completeEnum(edgeTypes, V8_EDGE_TYPES),
    locationFields,
    traceFunctionInfoFields: stringList(meta['trace_function_info_fields']) ?? [],
    traceNodeFields: stringList(meta['trace_node_fields']) ?? [],
    nodeCount,
    edgeCount,
    nodeOffsets: {
      type: nodeFields.indexOf('type'),
      name: nodeFields.indexOf('name'),
      id: nodeFields.indexOf('id'),
      selfSize: nodeFields.indexOf('self_size'),
      edgeCount: nodeFields.indexOf('edge_count'),
      detachedness: nodeFields.indexOf('detachedness'),
    },
    edgeOffsets: {
      type: edgeFields.indexOf('type'),
      nameOrIndex: edgeFields.indexOf('name_or_index'),
      toNode: edgeFields.indexOf('to_node'),
    },
  };
}

function count(value: unknown, key: string, fieldCount: number, file: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SnapshotError('EFORMAT', file, `not a heap snapshot: "snapshot.${key}" is not a non-negative integer`);
  }
  if (value * fieldCount > MAX_ARRAY_LENGTH) {
    throw new SnapshotError('ELIMIT', file, `snapshot.${key} is ${value}: more than backrefs can index (at most ${Math.floor(MAX_ARRAY_LENGTH / fieldCount)})`);
  }
  return value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') ? v : undefined;
}

/** The enum of the `type` field: `[["hidden","array",...],"string",...]` puts it at the field's position. */
function enumList(v: unknown, fields: readonly string[]): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return stringList(v[fields.indexOf('type')]);
}

function completeEnum(given: string[], v8: readonly string[]): string[] {
  return given.length < v8.length && given.every((t, i) => t === v8[i]) ? [...v8] : given;
}
