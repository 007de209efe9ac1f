/** A node of the heap as callbacks see it. */
export interface HeapNode {
  readonly ordinal: number;
  /** The heap id DevTools shows as `@id`. */
  readonly id: number;
  readonly type: string;
  readonly name: string;
  /** DevTools' Summary name: the constructor for objects, `(closure)`, `(string)`, ... */
  readonly className: string;
  readonly selfSize: number;
}

export type NodeRole = 'target' | 'retainer' | 'root' | 'global';

export interface GraphNode extends HeapNode {
  /** A DOT-safe id derived from the heap id: stable across runs on the same snapshot. */
  readonly key: string;
  readonly title: string;
  readonly preview: string;
  /** Breadth-first distance from the nearest target, fixed where first found. */
  readonly depth: number;
  readonly role: NodeRole;
}

/** objgraph's "K more backreferences" box: retainers past `tooMany`, counted not drawn. */
export interface MoreNode {
  readonly key: string;
  readonly depth: number;
  readonly count: number;
}

export interface GraphEdge {
  /** Keys of the retainer and the retained node. */
  readonly from: string;
  readonly to: string;
  /** V8's edge type (`property`, `element`, `context`, `internal`, ...); `more` for "K more" boxes. */
  readonly type: string;
  /** V8's name or index of the edge. */
  readonly name: string | number;
  /** How the retainer holds it, as drawn. */
  readonly label: string;
  readonly weak: boolean;
  /** Drawn from an owner through a backing store, hash table or PropertyCell it passes over. */
  readonly collapsed: boolean;
  /** Both ends sit on one reference cycle of the drawn graph. */
  inCycle: boolean;
}

/** The retainers of the targets up to a depth: plain data, ready for DOT, JSON or text. */
export interface RetainerGraph {
  readonly nodes: GraphNode[];
  readonly more: MoreNode[];
  readonly edges: GraphEdge[];
  readonly maxDepth: number;
  readonly raw: boolean;
}
