import { useCallback, useState } from "react";
import type { EventsEnvelope } from "../client/events";
import type { StreamEvent } from "../client/stream";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { useEventStream } from "../hooks/useEventStream";

const request = { url: "/events", isTerminal: () => false };

/** The /events feed as a live log: connected, heartbeats, broadcasts, newest first. */
export function LivePage() {
  const [log, setLog] = useState<(EventsEnvelope & { id?: string; seq: number })[]>([]);
  const onEvent = useCallback((event: StreamEvent) => {
    const envelope = event.data as EventsEnvelope;
    setLog((current) => [{ ...envelope, id: event.id, seq: (current[0]?.seq ?? 0) + 1 }, ...current].slice(0, 200));
  }, []);
  const { status } = useEventStream(request, onEvent);

  return (
    <>
      <h1>Live events</h1>
      <ConnectionStatus status={status} />
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
