import { SseParser } from "./sseParser";

/**
 * Where a stream is: opening, open, trying to come back after a drop, or over: "finished" after its
 * last event (or the server's 204: nothing left to send), "failed" after an `error` event or when it
 * could not be reached again, "closed" when the page closed it.
 */
export type StreamState = "connecting" | "connected" | "reconnecting" | "finished" | "failed" | "closed";

/** Named events after which a run has nothing more to say. */
const terminalEvents = new Set(["completed", "error"]);

/** One event as the app sees it: its name ("message" when unnamed), its parsed JSON data, its id. */
export interface StreamEvent<T = unknown> {
  event: string;
  data: T;
  id?: string;
}

export interface StreamRequest {
  url: string;
  /** GET streams use EventSource; POST streams are read with fetch. */
  method?: "GET" | "POST";
  body?: unknown;
  headers?: Record<string, string>;
  /** Named events to listen for (EventSource only delivers the names it is told). */
  eventNames?: readonly string[];
  /** True for the event after which the stream has nothing more to say: it is then closed cleanly. */
  isTerminal?: (event: StreamEvent) => boolean;
}

export interface StreamHandlers {
  onEvent: (event: StreamEvent) => void;
  /** Each change of state; `reason` says why a stream failed. */
  onState?: (state: StreamState, reason?: string) => void;
}

export interface StreamOptions {
  /** First wait before coming back on our own (after EventSource gave up), doubled each time up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts in a row without an open stream before giving up ("failed"). */
  maxAttempts?: number;
  eventSource?: typeof EventSource;
  fetch?: typeof fetch;
}

export interface StreamHandle {
  close(): void;
  readonly lastEventId: string | undefined;
}

const defaultTerminal = (event: StreamEvent) => terminalEvents.has(event.event);

function messageOf(data: unknown): string | undefined {
  return typeof data === "object" && data !== null && typeof (data as { message?: unknown }).message === "string" ? (data as { message: string }).message : undefined;
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function withLastEventId(url: string, lastEventId: string | undefined): string {
  if (!lastEventId) {
    return url;
  }
  const parsed = new URL(url, globalThis.location?.href ?? "http://localhost/");
  parsed.searchParams.set("last_event_id", lastEventId);
  return url.startsWith("http") ? parsed.toString() : parsed.pathname + parsed.search;
}

/**
 * Opens a JobStream stream and keeps it open until its terminal event or close(): EventSource for GET
 * (which reconnects by itself after a drop, with Last-Event-ID), fetch for POST. When EventSource gives
 * up (the server answered an error, or was down when it came back) or a fetch stream breaks, it comes
 * back on its own after a growing delay, with the last id it saw (`?last_event_id=` or the
 * Last-Event-ID header), so the server replays what was missed.
 */
export function openStream(request: StreamRequest, handlers: StreamHandlers, options: StreamOptions = {}): StreamHandle {
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 20;
  const isTerminal = request.isTerminal ?? defaultTerminal;
  let lastEventId: string | undefined;
  let closed = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { stop(): void } | undefined;
  let state: StreamState | undefined;

  const setState = (next: StreamState, reason?: string) => {
    if (state !== next) {
      state = next;
      handlers.onState?.(next, reason);
    }
  };

  const finish = (how: "finished" | "failed" | "closed", reason?: string) => {
    if (closed) {
      return;
    }
    closed = true;
    clearTimeout(timer);
    current?.stop();
    setState(how, reason);
  };

  const deliver = (name: string, data: string, id: string | undefined) => {
    if (closed) {
      return;
    }
    if (id) {
      lastEventId = id;
    }
    if (data === "") {
      return; // an id and retry only: nothing to dispatch
    }
    const event: StreamEvent = { event: name, data: parse(data), id };
    handlers.onEvent(event);
    if (isTerminal(event)) {
      if (event.event === "error") {
        finish("failed", messageOf(event.data) ?? "The stream failed on the server.");
      } else {
        finish("finished");
      }
    }
  };

  const retryLater = () => {
    if (closed) {
      return;
    }
    current?.stop();
    failures++;
    if (failures > maxAttempts) {
      finish("failed", `The server could not be reached in ${maxAttempts} attempts.`);
      return;
    }
    setState("reconnecting");
    const delay = Math.min(maxDelay, initialDelay * 2 ** (failures - 1));
    timer = setTimeout(connect, delay);
  };

  const connectEventSource = () => {
    const EventSourceImpl = options.eventSource ?? globalThis.EventSource;
    const source = new EventSourceImpl(withLastEventId(request.url, lastEventId));
    const listener = (e: MessageEvent) => deliver(e.type, typeof e.data === "string" ? e.data : "", e.lastEventId || undefined);
    source.addEventListener("message", listener);
    for (const name of request.eventNames ?? []) {
      source.addEventListener(name, listener as EventListener);
    }
    source.onopen = () => {
      failures = 0;
      setState("connected");
    };
    source.onerror = () => {
      if (closed) {
        return;
      }
      if (source.readyState === EventSourceImpl.CLOSED) {
        retryLater(); // EventSource gave up: come back on our own
      } else {
        setState("reconnecting"); // EventSource comes back by itself, with Last-Event-ID
      }
    };
    current = { stop: () => source.close() };
  };

  const connectFetch = () => {
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    const abort = new AbortController();
    current = { stop: () => abort.abort() };
    const headers: Record<string, string> = { Accept: "text/event-stream", ...request.headers };
    if (request.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (lastEventId) {
      headers["Last-Event-ID"] = lastEventId;
    }
    void (async () => {
      try {
        const response = await fetchImpl(request.url, {
          method: request.method ?? "POST",
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: abort.signal,
        });
        if (response.status === 204) {
          finish("finished"); // nothing left to send, ever
          return;
        }
        if (!response.ok || !response.body) {
          retryLater();
          return;
        }
        failures = 0;
        setState("connected");
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        while (!closed) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          for (const event of parser.feed(value)) {
            deliver(event.event, event.data, event.id);
          }
        }
        retryLater(); // ended before its terminal event
      } catch {
        retryLater();
      }
    })();
  };

  function connect() {
    if (closed) {
      return;
    }
    setState(state === undefined ? "connecting" : "reconnecting");
    if ((request.method ?? "GET") === "GET") {
      connectEventSource();
    } else {
      connectFetch();
    }
  }

  connect();
  return {
    close: () => finish("closed"),
    get lastEventId() {
      return lastEventId;
    },
  };
}
