import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { clearProgress, connectionsStatus, progressStatus } from "../client/api";
import { progressDocument, type ConnectionsStatus, type EventOf, type ProgressDocument } from "../client/events";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { TokenField } from "../components/TokenField";
import { useEventStream } from "../hooks/useEventStream";

/** A user's progress stream (seed 002): a bar, the status and clear actions, the live connection counts. */
export function ProgressPage() {
  const [token, setToken] = useState("");
  const [userId, setUserId] = useState("ui-user");
  // Whose progress is followed, with the token it was followed with.
  const [following, setFollowing] = useState<{ userId: string; token: string } | null>(null);
  const [progress, setProgress] = useState<ProgressDocument | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [counts, setCounts] = useState<ConnectionsStatus | null>(null);

  const request = useMemo(
    () =>
      following && {
        url: `/api/v1/sse/progress/stream/${encodeURIComponent(following.userId)}?token=${encodeURIComponent(following.token)}`,
        isTerminal: () => false,
      },
    [following],
  );
  const onEvent = useCallback((event: EventOf<"progress">) => {
    if (event.event === "progress") {
      setProgress(progressDocument(event.data));
    } else if (event.event === "missed") {
      setMessage(event.data.message);
      if (event.data.latest) {
        setProgress(progressDocument(event.data.latest));
      }
    }
  }, []);
  const { status, reason } = useEventStream("progress", request, onEvent);

  // The connection counts, live while a stream is followed (admin role outside Development).
  useEffect(() => {
    if (!following) {
      return;
    }
    let stopped = false;
    const refresh = () => connectionsStatus(following.token).then((next) => !stopped && setCounts(next), () => {});
    void refresh();
    const timer = setInterval(refresh, 3000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [following]);

  const act = async (action: () => Promise<void>) => {
    try {
      setMessage(null);
      await action();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const follow = (e: FormEvent) => {
    e.preventDefault();
    setProgress(null);
    setFollowing({ userId, token });
  };
  const share = progress?.total ? Math.round(((progress.completed ?? 0) / progress.total) * 100) : 0;

  return (
    <>
      <h1>Progress</h1>
      <TokenField token={token} onToken={setToken} subject={userId} />
      <form onSubmit={follow} className="inline-form">
        <label htmlFor="user-id">User id</label>
        <input id="user-id" value={userId} onChange={(e) => setUserId(e.target.value)} />
        <button type="submit" disabled={!token}>Follow</button>
      </form>
      <ConnectionStatus status={status} reason={reason} />
      <section aria-labelledby="progress-now">
        <h2 id="progress-now">Now</h2>
        <progress max={100} value={share} aria-label="Progress" /> <span>{share}%</span>
        <p>{progress ? `${progress.status ?? ""} ${progress.message ?? ""}` : "No progress yet."}</p>
        <div className="actions">
          <button type="button" disabled={!token} onClick={() => void act(async () => setProgress(progressDocument(await progressStatus(token, userId))))}>Check status</button>
          <button type="button" disabled={!token} onClick={() => void act(async () => { setMessage((await clearProgress(token, userId)).message); setProgress(null); })}>Clear</button>
          <button type="button" disabled={!token} onClick={() => void act(async () => setCounts(await connectionsStatus(token)))}>Connection counts</button>
        </div>
        {message && <p role="alert" className="notice">{message}</p>}
        {counts && (
          <dl className="counts">
            <dt>Open streams</dt><dd>{counts.open_streams}</dd>
            <dt>Connections</dt><dd>{counts.connections}</dd>
            <dt>Progress streams</dt><dd>{counts.progress_streams}</dd>
            <dt>Event streams</dt><dd>{counts.event_streams}</dd>
            <dt>Backplane</dt><dd>{counts.backplane.kind}, {counts.backplane.connected ? "connected" : "not connected"}</dd>
          </dl>
        )}
      </section>
    </>
  );
}
