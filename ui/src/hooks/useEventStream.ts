import { useEffect, useRef, useState } from "react";
import { openStream, type StreamEvent, type StreamOptions, type StreamRequest, type StreamState } from "../client/stream";

/** The stream's state as the page shows it: "idle" before any stream was opened. */
export type EventStreamStatus = StreamState | "idle";

/**
 * Opens the stream while `request` is not null, and closes it when the component goes or the request
 * changes (compared by `key`, or by URL, method and body). Each event goes to `onEvent`, the latest
 * callback given; the state is returned for the page to show.
 */
export function useEventStream(
  request: (StreamRequest & { key?: string }) | null,
  onEvent: (event: StreamEvent) => void,
  options?: StreamOptions,
): { status: EventStreamStatus; close: () => void } {
  const [status, setStatus] = useState<EventStreamStatus>("idle");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const handle = useRef<{ close(): void } | null>(null);
  const key = request ? request.key ?? `${request.method ?? "GET"} ${request.url} ${JSON.stringify(request.body ?? null)}` : null;
  const latestRequest = useRef(request);
  latestRequest.current = request;

  useEffect(() => {
    const current = latestRequest.current;
    if (key === null || current === null) {
      return;
    }
    const stream = openStream(current, { onEvent: (event) => handler.current(event), onState: setStatus }, options);
    handle.current = stream;
    return () => {
      stream.close();
      handle.current = null;
    };
    // The options are read once per stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { status, close: () => handle.current?.close() };
}
