import { ApiProblem } from './problems';

/** Who is signed in. The token lives in this tab only (sessionStorage), never in localStorage. */
export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly agencyType: string;
  readonly level: string;
  readonly regionCode: string;
}
export interface Session {
  readonly token: string;
  readonly unit: Unit;
  readonly expiresAt: number;
}

const KEY = 'tppo.session';
let session: Session | null = (() => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
})();
const listeners = new Set<() => void>();

export const currentSession = (): Session | null => session;
export const onSessionChange = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const setSession = (next: Session | null): void => {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
};

const toProblem = async (res: Response): Promise<ApiProblem> => {
  let body: { code?: string; detail?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not a problem document */
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiProblem(res.status, body.code ?? `HTTP_${res.status}`, body.detail, Number.isFinite(retry) && retry > 0 ? retry : undefined);
};

export interface CallOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly ifMatch?: number;
  readonly signal?: AbortSignal;
  /** A token not yet in the session (just received from the identity provider). */
  readonly token?: string;
}

/** One call of the public API with the session's bearer token; a non-2xx answer throws an ApiProblem. */
export const api = async <T>(path: string, options: CallOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token ?? session?.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // A retried command is answered once: the key makes a resend after a lost answer harmless.
  if (options.method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblem(0, 'OFFLINE', undefined);
  }
  if (res.status === 401 && session) setSession(null);
  if (!res.ok) throw await toProblem(res);
  return (await res.json()) as T;
};

export interface ServerSentEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

/**
 * Splits a text/event-stream into events (the WHATWG rules: `field: value` lines, a blank line ends
 * an event, `:` lines are comments). Kept apart from the network so it can be tested on text.
 */
export const sseParser = (emit: (event: ServerSentEvent) => void): ((chunk: string) => void) => {
  let buffer = '';
  let event = 'message';
  let id: string | undefined;
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) emit({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  };
};

/**
 * Follows a server-sent event stream with the bearer header, which EventSource cannot send: fetch
 * and a stream reader. Reconnects with backoff and says so, so the desk can resynchronise.
 */
export const follow = (path: string, handlers: { onEvent: (e: ServerSentEvent) => void; onOpen: () => void; onDrop: () => void }): (() => void) => {
  const controller = new AbortController();
  let delay = 1000;
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted && session) {
      try {
        const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}`, accept: 'text/event-stream' }, signal: controller.signal });
        if (res.status === 401) {
          setSession(null);
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
        handlers.onOpen();
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = sseParser(handlers.onEvent);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      handlers.onDrop();
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void run();
  return () => controller.abort();
};
