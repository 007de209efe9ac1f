import { traceMemory, type TraceMemoryOptions } from './trace-memory.js';
import { traceObjects, type TraceObjectsOptions } from './trace-objects.js';

type Method<This, Args extends unknown[], R> = (this: This, ...args: Args) => R;

/**
 * The seed's `@ObjectTrace()` as a standard ECMAScript decorator (TypeScript 5 without
 * `experimentalDecorators`): every call of the method runs under traceObjects.
 */
export function ObjectTrace(options: TraceObjectsOptions = {}) {
  return function <This, Args extends unknown[], R>(method: Method<This, Args, R>, context: ClassMethodDecoratorContext<This, Method<This, Args, R>>): Method<This, Args, R> {
    if (context.kind !== 'method') throw new TypeError('@ObjectTrace decorates methods');
    return function (this: This, ...args: Args): R {
      return traceObjects(() => method.apply(this, args), options);
    };
  };
}

/** The seed's `@MemoryTrace({ key_type })`: every call of the method runs under traceMemory. */
export function MemoryTrace(options: TraceMemoryOptions = {}) {
  return function <This, Args extends unknown[], R>(method: Method<This, Args, R>, context: ClassMethodDecoratorContext<This, Method<This, Args, R>>): Method<This, Args, R> {
    if (context.kind !== 'method') throw new TypeError('@MemoryTrace decorates methods');
    return function (this: This, ...args: Args): R {
      return traceMemory(() => method.apply(this, args), options);
    };
  };
}
