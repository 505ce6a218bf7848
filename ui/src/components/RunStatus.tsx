import type { ScrapeSummary } from "../client/events";
import type { EventStreamStatus } from "../hooks/useEventStream";

/** How a run reads to a person: running, finished with its counts, reconnecting, or failed and why. */
type RunState = "running" | "reconnecting" | "finished" | "failed" | "stopped";

function runState(status: EventStreamStatus): RunState {
  switch (status) {
    case "idle":
    case "connecting":
    case "connected":
      return "running";
    case "reconnecting":
      return "reconnecting";
    case "finished":
      return "finished";
    case "failed":
      return "failed";
    case "closed":
      return "stopped";
  }
}

/** A scrape run's state, announced politely to screen readers as it changes, each state with its own look. */
export function RunStatus({ status, reason, sites, ended, partial, summary }: { status: EventStreamStatus; reason?: string; sites: number; ended: number; partial: number; summary: ScrapeSummary | null }) {
  const state = runState(status);
  const counted = `${ended} of ${sites} ${sites === 1 ? "site" : "sites"} done`;
  const words = {
    running: `Running: ${counted}.`,
    reconnecting: `Reconnecting… ${counted} so far.`,
    // The summary counts a partial result as succeeded (it read something); the rows say which.
    finished: summary ? `Finished: ${summary.succeeded} of ${summary.total} succeeded${partial > 0 ? ` (${partial} partly)` : ""}, ${summary.failed} failed.` : `Finished: ${counted}.`,
    failed: `Failed: ${reason ?? "the run stopped"} (${counted}).`,
    stopped: `Stopped: ${counted}.`,
  }[state];
  return (
    <p role="status" className={`run-status run-${state}`} data-state={state}>
      {words}
    </p>
  );
}
