import type { EventStreamStatus } from "../hooks/useEventStream";

const words: Record<EventStreamStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  finished: "Finished",
  failed: "Failed",
  closed: "Closed",
};

/** A stream's state, announced politely to screen readers as it changes; a failure says why. */
export function ConnectionStatus({ status, reason }: { status: EventStreamStatus; reason?: string }) {
  return (
    <p role="status" className={`connection connection-${status}`} data-state={status}>
      {status === "failed" && reason ? `${words.failed}: ${reason}` : words[status]}
    </p>
  );
}
