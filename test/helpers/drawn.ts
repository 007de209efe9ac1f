import assert from 'node:assert/strict';
import type { DrawnEdge, DrawnGraph, DrawnNode } from './graphviz.js';

/** Queries on a laid-out graph, failing with the whole graph in the message so a failure explains itself. */
export class Drawn {
  constructor(readonly g: DrawnGraph) {}

  /** Nodes whose first drawn line (the class name) is `title`, or matches it. */
  nodesTitled(title: string | RegExp): DrawnNode[] {
    return this.g.nodes.filter((n) => (typeof title === 'string' ? n.lines[0] === title : title.test(n.lines[0] ?? '')));
  }

  node(name: string): DrawnNode {
    const n = this.g.nodes.find((x) => x.name === name);
    assert.ok(n, `no node ${name} in\n${this.describe()}`);
    return n;
  }

  edgesInto(head: string, label?: string): DrawnEdge[] {
    return this.g.edges.filter((e) => e.head === head && (label === undefined || e.label === label));
  }

  /** The single edge labelled `label` from a node titled `from` into a node titled `to`. */
  edge(from: string | RegExp, label: string, to: string | RegExp): DrawnEdge {
    const tails = new Set(this.nodesTitled(from).map((n) => n.name));
    const heads = new Set(this.nodesTitled(to).map((n) => n.name));
    const found = this.g.edges.filter((e) => tails.has(e.tail) && heads.has(e.head) && e.label === label);
    assert.equal(found.length, 1, `expected one edge ${String(from)} -[${label}]-> ${String(to)} in\n${this.describe()}`);
    return found[0]!;
  }

  /** One line a node, then one line an edge: readable in an assertion message. */
  describe(): string {
    const title = new Map(this.g.nodes.map((n) => [n.name, n.lines.join(' | ')]));
    return [
      ...this.g.nodes.map((n) => `  ${n.name}: ${n.lines.join(' | ')}`),
      ...this.g.edges.map((e) => `  ${title.get(e.tail)} -[${e.label}]-> ${title.get(e.head)}${e.attrs['style'] ? ` (${e.attrs['style']})` : ''}`),
    ].join('\n');
  }
}
