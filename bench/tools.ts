import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Input } from './inputs.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST_BENCH = fileURLToPath(new URL('./', import.meta.url));

export interface Invocation {
  readonly cmd: string;
  readonly args: string[];
  readonly cwd: string;
}

export interface Tool {
  readonly name: string;
  invocation(input: Input, outName: string): Invocation;
}

/** What a user types, end to end, run from the snapshot's folder the way people mostly run it. */
export const backrefsCli: Tool = {
  name: 'backrefs CLI',
  invocation: (input, outName) => ({
    cmd: process.execPath,
    args: [join(REPO, 'bin/backrefs.js'), basename(input.path), '--type', input.target, '--depth', '10', '-o', outName, '--timings'],
    cwd: dirname(input.path),
  }),
};

/** The default picture with `--retained`: the walk, then the dominator tree and every box's retained size. */
export const backrefsCliRetained: Tool = {
  name: 'backrefs CLI --retained',
  invocation: (input, outName) => ({
    cmd: process.execPath,
    args: [join(REPO, 'bin/backrefs.js'), basename(input.path), '--type', input.target, '--depth', '10', '--retained', '-o', outName, '--timings'],
    cwd: dirname(input.path),
  }),
};

/**
 * `backrefs refs --type Test`: the forward view from every Test at once (one group of all of
 * them, walked to depth 3), with the retained sizes it orders by.
 */
export const backrefsRefs: Tool = {
  name: 'backrefs refs',
  invocation: (input, outName) => ({
    cmd: process.execPath,
    args: [join(REPO, 'bin/backrefs.js'), 'refs', basename(input.path), '--type', 'Test', '-o', outName, '--timings'],
    cwd: dirname(input.path),
  }),
};

/** `types --retained`: class counts, then each class's retained total (the dominator tree walked down once). */
export const backrefsTypesRetained: Tool = {
  name: 'backrefs types --retained',
  invocation: (input) => ({ cmd: process.execPath, args: [join(REPO, 'bin/backrefs.js'), 'types', basename(input.path), '--retained', '-o', '/dev/null'], cwd: dirname(input.path) }),
};

/** loadSnapshot + the retainer index, no CLI: the reader's own speed. */
export const backrefsReader: Tool = {
  name: 'backrefs reader',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-load.js'), input.path], cwd: REPO }),
};

/**
 * @memlab/core's load alone. Given a 16 GB heap limit so that memlab is measured, not Node's
 * default limit (its own CLI raises the limit too).
 */
export const memlabLoad: Tool = {
  name: 'memlab load',
  invocation: (input) => ({ cmd: process.execPath, args: ['--max-old-space-size=16000', join(DIST_BENCH, 'memlab-load.js'), input.path], cwd: REPO }),
};

/** loadSnapshot, then the shapes pass and class counts, each timed (bench/shapes-pass.ts). */
export const backrefsShapes: Tool = {
  name: 'backrefs shapes',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'shapes-pass.js'), input.path], cwd: REPO }),
};

/** DevTools' loader (heap-snapshot-toolkit), which names classes and shapes as part of loading. */
export const devtoolsLoad: Tool = {
  name: 'devtools load',
  invocation: (input) => ({ cmd: process.execPath, args: ['--max-old-space-size=16000', join(DIST_BENCH, 'devtools-load.js'), input.path], cwd: REPO }),
};

/** loadSnapshot, then the distances from the roots, timed apart. */
export const backrefsDistances: Tool = {
  name: 'backrefs distances',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-distances.js'), input.path], cwd: REPO }),
};

/** `growth OLD NEW` through the library, the file given as both (both are read in full, one at a time). */
export const backrefsGrowth: Tool = {
  name: 'backrefs growth',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-growth.js'), input.path, input.path], cwd: REPO }),
};

/** heap-snapshot-toolkit's parse + diff() on the same pair: DevTools' comparison view. */
export const toolkitDiff: Tool = {
  name: 'toolkit diff',
  invocation: (input) => ({ cmd: process.execPath, args: ['--max-old-space-size=16000', join(DIST_BENCH, 'toolkit-diff.js'), input.path, input.path], cwd: REPO }),
};

/** loadSnapshot, then the dominator tree and retained sizes, timed apart. */
export const backrefsRetained: Tool = {
  name: 'backrefs retained',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-retained.js'), input.path], cwd: REPO }),
};

/** memlab's load, then its dominator step. */
export const memlabRetained: Tool = {
  name: 'memlab retained',
  invocation: (input) => ({ cmd: process.execPath, args: ['--max-old-space-size=16000', join(DIST_BENCH, 'memlab-retained.js'), input.path], cwd: REPO }),
};

/** loadSnapshot, then the breadth-first walk of up to a million targets and its DOT written to a file, timed apart. */
export const backrefsDot: Tool = {
  name: 'backrefs dot',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-dot.js'), input.path], cwd: REPO }),
};

/** loadSnapshot, then a path from a root to every object of the input's class (`chain`'s analysis), timed apart. */
export const backrefsChain: Tool = {
  name: 'backrefs chain',
  invocation: (input) => ({ cmd: process.execPath, args: [join(DIST_BENCH, 'backrefs-chain.js'), input.path, input.target], cwd: REPO }),
};

/** memlab's load, then its path finder and a path to every object of the input's class. */
export const memlabChain: Tool = {
  name: 'memlab chain',
  invocation: (input) => ({ cmd: process.execPath, args: ['--max-old-space-size=16000', join(DIST_BENCH, 'memlab-chain.js'), input.path, input.target], cwd: REPO }),
};
