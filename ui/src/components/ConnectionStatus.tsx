import type { EventStreamStatus } from "../hooks/useEventStream";

const words: Record<EventStreamStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  closed: "Disconnected",
};

/** The stream's state, announced politely to screen readers as it changes. */
export function ConnectionStatus({ status }: { status: EventStreamStatus }) {
  return (
    <p role="status" className={`connection connection-${status}`} data-state={status}>
      {words[status]}
    </p>
  );
}
