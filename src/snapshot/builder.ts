import { HeapSnapshot, type SourceLocation } from './heap-snapshot.js';
import { readMeta } from './meta.js';
import { StringTable } from './strings.js';
import { buildIndexes } from './indexes.js';

/** The header Node 20 writes (7 node fields), used for snapshots made in code. */
const NODE20_META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'], 'string', 'number', 'number', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
  location_fields: ['object_index', 'script_id', 'line', 'column'],
};

interface PendingEdge {
  type: string;
  nameOrIndex: string | number;
  to: number;
}

/**
 * Builds a HeapSnapshot from nodes and edges given in code: tiny graphs for tests (as DevTools'
 * tests do) and adapters from other models. The first node added is the root.
 */
export class SnapshotBuilder {
  private readonly nodes: { type: string; name: string; id: number; selfSize: number; edges: PendingEdge[] }[] = [];
  /** object_index, script_id, line, column per located node, as V8's `locations` array. */
  private readonly locations: number[] = [];
  private nextId = 1;

  /** Adds a node; returns its ordinal. Ids default to V8's pattern (odd, increasing). */
  node(type: string, name: string, options: { id?: number; selfSize?: number; location?: SourceLocation } = {}): number {
    const id = options.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id) + 2;
    this.nodes.push({ type, name, id, selfSize: options.selfSize ?? 16, edges: [] });
    const ordinal = this.nodes.length - 1;
    const loc = options.location;
    if (loc) this.locations.push(ordinal * NODE20_META.node_fields.length, loc.scriptId, loc.line, loc.column);
    return ordinal;
  }

  /** Adds an edge `from` → `to`; element and hidden edges take a number, the others a name. */
  edge(from: number, to: number, type: string, nameOrIndex: string | number): this {
    this.nodes[from]!.edges.push({ type, nameOrIndex, to });
    return this;
  }

  /** The JSON text V8 would write for this graph. */
  toJSON(): string {
    const { nodes, edges, strings } = this.arrays();
    return JSON.stringify({ snapshot: { meta: NODE20_META, node_count: this.nodes.length, edge_count: edges.length / 3, trace_function_count: 0 }, nodes, edges, locations: this.locations, strings });
  }

  build(): HeapSnapshot {
    const { nodes, edges, strings } = this.arrays();
    const meta = readMeta({ meta: NODE20_META, node_count: this.nodes.length, edge_count: edges.length / 3 }, '<builder>');
    const raw = { meta, nodes: Uint32Array.from(nodes), edges: Uint32Array.from(edges) };
    return new HeapSnapshot(meta, raw.nodes, raw.edges, StringTable.from(strings), buildIndexes(raw, strings.length, '<builder>'), Uint32Array.from(this.locations), '<builder>');
  }

  private arrays(): { nodes: number[]; edges: number[]; strings: string[] } {
    const strings: string[] = [];
    const index = new Map<string, number>();
    const str = (s: string) => {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      return i;
    };
    const nodeTypes = NODE20_META.node_types[0] as string[];
    const edgeTypes = NODE20_META.edge_types[0] as string[];
    const nodes: number[] = [];
    const edges: number[] = [];
    for (const n of this.nodes) {
      nodes.push(enumIndex(nodeTypes, n.type), str(n.name), n.id, n.selfSize, n.edges.length, 0, 0);
      for (const e of n.edges) {
        const numeric = e.type === 'element' || e.type === 'hidden';
        edges.push(enumIndex(edgeTypes, e.type), numeric ? Number(e.nameOrIndex) : str(String(e.nameOrIndex)), e.to * 7);
      }
    }
    return { nodes, edges, strings };
  }
}

function enumIndex(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  if (i === -1) throw new Error(`unknown type "${value}" (one of: ${list.join(', ')})`);
  return i;
}
