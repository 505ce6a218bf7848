import { useCallback, useState } from "react";
import type { EventOf, EventsEnvelope } from "../client/events";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { useEventStream } from "../hooks/useEventStream";

const request = { url: "/events", isTerminal: () => false };

/** The /events feed as a live log: connected, heartbeats, broadcasts, newest first. */
export function LivePage() {
  const [log, setLog] = useState<(EventsEnvelope & { id?: string; seq: number })[]>([]);
  const onEvent = useCallback((event: EventOf<"events">) => {
    if (event.event === "message") {
      setLog((current) => [{ ...event.data, id: event.id, seq: (current[0]?.seq ?? 0) + 1 }, ...current].slice(0, 200));
    }
  }, []);
  const { status, reason } = useEventStream("events", request, onEvent);

  return (
    <>
      <h1>Live events</h1>
      <ConnectionStatus status={status} reason={reason} />
      <ol className="log" aria-label="Events, newest first" aria-live="off">
        {log.map((entry) => (
          <li key={entry.seq} className={`log-${entry.event}`}>
            <time dateTime={entry.timestamp}>{new Date(entry.timestamp).toLocaleTimeString()}</time>
            <strong>{entry.event}</strong>
            {entry.data !== undefined && entry.data !== null && <code>{JSON.stringify(entry.data)}</code>}
          </li>
        ))}
      </ol>
    </>
  );
}
