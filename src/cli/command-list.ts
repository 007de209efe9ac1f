import type { Command } from './command.js';

/** What `backrefs --help` lists of a command, and where the rest of it is. */
export interface ListedCommand {
  /** What follows `backrefs` (and the command's name) in the usage line. */
  readonly usage: string;
  /** One line for `backrefs --help`. */
  readonly summary: string;
  /** Its options, examples and code: loaded only when it runs or shows its own help. */
  readonly load: () => Promise<{ command: Command }>;
}

/**
 * Every command, by name; the first is the default. The usage line and summary of each are here,
 * not in its file, so that `backrefs --help` lists them all without loading a dozen files.
 */
export const COMMANDS: Readonly<Record<string, ListedCommand>> = {
  why: {
    usage: '[SNAPSHOT] --type CLASS [options]',
    summary: 'why are these objects alive: their retainers toward the roots, as a graph (the default command)',
    load: () => import('./commands/why.js'),
  },
  chain: {
    usage: '[SNAPSHOT] --type CLASS [options]',
    summary: 'the shortest path from a root to each target, distinct paths once each',
    load: () => import('./commands/chain.js'),
  },
  types: {
    usage: '[SNAPSHOT] [--limit N] [--retained] [--sort count|size|retained] [--by class|site] [--format text|json]',
    summary: 'the most common classes, with count and total self size (objgraph show_most_common_types); retained sizes, allocation sites',
    load: () => import('./commands/types.js'),
  },
  growth: {
    usage: 'OLD NEW [--limit N] [--format text|json]',
    summary: 'classes whose count grew from OLD to NEW, largest growth first (objgraph show_growth)',
    load: () => import('./commands/growth.js'),
  },
  new: {
    usage: 'OLD NEW --type CLASS [--limit N] [--format text|json]',
    summary: 'objects of a class in NEW that were not in OLD, by heap id (objgraph get_new_ids)',
    load: () => import('./commands/new.js'),
  },
  leaks: {
    usage: 'BASE TARGET FINAL [--limit N] [--format text|json]',
    summary: 'objects allocated between BASE and TARGET still alive in FINAL, by class and retainer path (memlab find-leaks)',
    load: () => import('./commands/leaks.js'),
  },
  capture: {
    usage: '--pid PID -o FILE.heapsnapshot',
    summary: "write a heap snapshot of a running Node.js process (opens its inspector with SIGUSR1, closes it after)",
    load: () => import('./commands/capture.js'),
  },
  refs: {
    usage: '[SNAPSHOT] --type CLASS | --id @ID [options]',
    summary: 'what these objects hold: their references down from them, grouped, the biggest retained size first (objgraph show_refs)',
    load: () => import('./commands/refs.js'),
  },
  scopes: {
    usage: '[SNAPSHOT] --type FUNCTION | --id @ID [options]',
    summary: 'what a closure captures: its scopes innermost first, each variable with what it retains and which live closures use it',
    load: () => import('./commands/scopes.js'),
  },
  dominators: {
    usage: '[SNAPSHOT] --type CLASS | --id @ID [options]',
    summary: 'the dominator chain from the root down to each target: the objects that alone keep it alive, with retained sizes',
    load: () => import('./commands/dominators.js'),
  },
  top: {
    usage: '[SNAPSHOT] [--limit N] [options]',
    summary: 'the objects with the largest retained sizes, with their class, the chain that holds them and their share of the heap',
    load: () => import('./commands/top.js'),
  },
  strings: {
    usage: '[SNAPSHOT] [--limit N] [options]',
    summary: 'strings stored more than once, with how many copies and the bytes they waste',
    load: () => import('./commands/strings.js'),
  },
};
