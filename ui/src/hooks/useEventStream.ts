import { useEffect, useRef, useState } from "react";
import { eventNames, parseEvent, type EventOf, type StreamName } from "../client/events";
import { openStream, type StreamOptions, type StreamRequest, type StreamState } from "../client/stream";

/** The stream's state as the page shows it: "idle" before any stream was opened. */
export type EventStreamStatus = StreamState | "idle";

/** What a stream of a page needs beyond its kind: its URL, and when it is over. */
export type PageStreamRequest = Pick<StreamRequest, "url" | "isTerminal"> & { key?: string };

/**
 * Opens a stream of kind `stream` while `request` is not null, and closes it when the component goes or
 * the request changes (compared by `key`, or by URL). Each event, parsed into the stream's union of
 * events (events.ts), goes to `onEvent`, the latest callback given; the state, and why it failed, are
 * returned for the page to show.
 */
export function useEventStream<S extends StreamName>(
  stream: S,
  request: PageStreamRequest | null,
  onEvent: (event: EventOf<S>) => void,
  options?: StreamOptions,
): { status: EventStreamStatus; reason?: string; close: () => void } {
  const [state, setState] = useState<{ status: EventStreamStatus; reason?: string }>({ status: "idle" });
  const handler = useRef(onEvent);
  const handle = useRef<{ close(): void } | null>(null);
  const latest = useRef({ request, options });
  const key = request ? request.key ?? request.url : null;
  useEffect(() => {
    handler.current = onEvent;
    latest.current = { request, options };
  });

  useEffect(() => {
    const { request: current, options: currentOptions } = latest.current;
    if (key === null || current === null) {
      return;
    }
    const opened = openStream(
      { ...current, eventNames: eventNames(stream) },
      {
        onEvent: (raw) => {
          const event = parseEvent(stream, raw);
          if (event) {
            handler.current(event);
          }
        },
        onState: (status, reason) => setState({ status, reason }),
      },
      currentOptions,
    );
    handle.current = opened;
    return () => {
      opened.close();
      handle.current = null;
    };
  }, [key, stream]);

  return { ...state, close: () => handle.current?.close() };
}
