import { WebSocketClient } from './websocket.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The inspector protocol over a WebSocket: numbered commands with their answers, and events. */
export class RemoteInspector {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, (params: unknown) => void>();
  private closedReason: string | undefined;

  private constructor(private readonly ws: WebSocketClient) {
    ws.onMessage = (text) => this.dispatch(text);
    ws.onClose = (reason) => {
      this.closedReason = reason;
      for (const p of this.pending.values()) p.reject(new Error(`the inspector connection ended (${reason})`));
      this.pending.clear();
    };
  }

  static async connect(url: string): Promise<RemoteInspector> {
    return new RemoteInspector(await WebSocketClient.connect(url));
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  post<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(`the inspector connection ended (${this.closedReason})`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** One listener an event (the capture needs no more). */
  on(event: string, listener: (params: unknown) => void): void {
    this.listeners.set(event, listener);
  }

  close(): void {
    this.ws.close();
  }

  private dispatch(text: string): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(message.error.message ?? 'inspector error'));
      else p.resolve(message.result);
      return;
    }
    if (typeof message.method === 'string') this.listeners.get(message.method)?.(message.params);
  }
}
