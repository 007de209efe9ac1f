import type { AllocationFrame } from '../analysis/allocation-sites.js';
import type { GraphNode } from '../graph/types.js';
import { formatSize } from './style.js';

/**
 * `makeLeaks at tracked.cjs:9`: the allocating function and where it is defined, short enough for
 * a box; the script by its file name (a full path or URL is in the JSON), `node:` modules whole.
 */
export function siteText(frame: AllocationFrame): string {
  const script = frame.scriptName.startsWith('node:') ? frame.scriptName : frame.scriptName.replace(/[?#].*$/, '').replace(/^.*[/\\]/, '');
  // V8's own functions (a constructor called by the runtime) have no script: script id 0, line 0.
  const where = script ? `at ${script}${frame.line > 0 ? `:${frame.line}` : ''}` : frame.scriptId === 0 ? '(built-in)' : `in script ${frame.scriptId}`;
  return `${frame.functionName || '(anonymous)'} ${where}`;
}

/** `allocated in makeLeaks at tracked.cjs:9`, `+2 other sites` for a group made in several places. */
export function allocatedText(n: GraphNode): string | undefined {
  if (!n.allocatedBy) return undefined;
  const others = (n.allocationSites ?? 1) - 1;
  return `allocated in ${siteText(n.allocatedBy)}${others > 0 ? ` +${others} other site${others === 1 ? '' : 's'}` : ''}`;
}

/** `14.1 kB retained`, where the view measured it. */
export function retainedText(n: GraphNode): string | undefined {
  return n.retainedSize === undefined ? undefined : `${formatSize(n.retainedSize)} retained`;
}
