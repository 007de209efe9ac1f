import { Session } from 'node:inspector';

/**
 * An inspector session on this thread. Node runs commands of a same-thread session
 * synchronously: `post` has called its callback (and every event it caused) when it returns,
 * which lets the tracers stay synchronous around synchronous functions.
 */
export class LocalSession {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  /** Runs a protocol command and returns its result, synchronously. */
  post<T = unknown>(method: string, params: Record<string, unknown> = {}): T {
    let result: { value?: T; error?: Error; done: boolean } = { done: false };
    this.session.post(method, params, (error: Error | null, value?: object) => {
      result = error ? { error, done: true } : { value: value as T, done: true };
    });
    if (!result.done) throw new Error(`inspector command ${method} did not complete synchronously`);
    if (result.error) throw result.error;
    return result.value as T;
  }

  on(event: string, listener: (message: { params: unknown }) => void): void {
    this.session.on(event, listener as (message: unknown) => void);
  }

  off(event: string, listener: (message: { params: unknown }) => void): void {
    this.session.off(event, listener as (message: unknown) => void);
  }

  close(): void {
    this.session.disconnect();
  }
}
