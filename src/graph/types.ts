import type { AllocationFrame } from '../analysis/allocation-sites.js';

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
  /** How many heap objects this box stands for: 1, or a group's size (then `ordinal` is its first member). */
  readonly count: number;
  /** The self sizes of all of them. */
  readonly totalSize: number;
  /** The heap ids of all of them (one for a single object). */
  readonly ids: readonly number[];
  /** DevTools' distance from the roots (of the first member); undefined in the breadth-first view. */
  readonly distance?: number;
  /** Where the walk stopped short of a root: how far the root still is, and through what. */
  readonly stopped?: { readonly hops: number; readonly via: string; readonly root: string; readonly at?: 'module scope' };
  /** Targets of the same class held only by these (and each other): counted here, not drawn. */
  readonly inside?: number;
  /**
   * The ordinals of all of them, where the box stands for more than one (`ids` is capped): what
   * retained sizes and allocation sites of a group are computed from. Not written to JSON.
   */
  readonly members?: readonly number[];
  /**
   * What would be freed with it (DevTools' retained size), where asked for (`withRetainedSizes`,
   * `--retained`); for a group, of all its members at once: a member that another dominates counts once.
   */
  readonly retainedSize?: number;
  /** The function that allocated it, where the snapshot carries allocation traces (`withAllocationSites`); of most members for a group. */
  readonly allocatedBy?: AllocationFrame;
  /** For a group made in several places: how many distinct allocating functions its members have. */
  readonly allocationSites?: number;
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
  /** Both ends sit on one reference cycle of the drawn graph (in the default view: one that matters). */
  inCycle: boolean;
  /** On a shortest path from a root to a target. */
  onPath?: boolean;
  /** How many heap edges this arrow stands for (between groups); 1 otherwise. */
  readonly count?: number;
}

/** The retainers of the targets up to a depth: plain data, ready for DOT, JSON or text. */
export interface RetainerGraph {
  readonly nodes: GraphNode[];
  readonly more: MoreNode[];
  readonly edges: GraphEdge[];
  readonly maxDepth: number;
  readonly raw: boolean;
  /**
   * `why`: the distance-guided default; `bfs`: objgraph's blind breadth-first walk; `refs`: the
   * forward view (objgraph's show_refs), where arrows still point from holder to held but the
   * targets are the holders at the top and `depth` counts references down from them.
   */
  readonly walk?: 'why' | 'bfs' | 'refs';
  /** What the node budget left out. */
  readonly omitted?: { readonly nodes: number; readonly targetGroups: number; readonly targets: number };
  /** Targets held in more distinct ways than the walk follows: the smallest groups, counted not walked. */
  readonly unwalked?: { readonly groups: number; readonly targets: number };
}
