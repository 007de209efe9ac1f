/** `2020-04-11 22:30:51`, the seed's start/end stamps (local time). */
export function timestamp(date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/**
 * Runs `fn`, then `done` once it has finished: at once for a plain value, when the promise
 * settles for a thenable (whose outcome is passed on unchanged). `done` also runs when `fn` throws.
 */
export function afterCall<T>(fn: () => T, done: () => void): T {
  let result: T;
  try {
    result = fn();
  } catch (e) {
    done();
    throw e;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (v) => {
        done();
        return v;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    ) as T;
  }
  done();
  return result;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
