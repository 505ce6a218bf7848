import { useCallback, useMemo, useState, type FormEvent } from "react";
import { startScrapeJob } from "../client/api";
import type { StartedScrapeJob } from "../client/events";
import type { StreamEvent } from "../client/stream";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { TokenField } from "../components/TokenField";
import { useEventStream } from "../hooks/useEventStream";
import { parseDomains } from "../lib/jobs";

const jobEvents = ["connected", "progress", "result", "completed", "error", "missed", "reconnect"] as const;

/** Start a background scrape job and follow its connection stream, resuming with Last-Event-ID after a drop. */
export function JobsPage() {
  const [token, setToken] = useState("");
  const [text, setText] = useState("");
  const [job, setJob] = useState<StartedScrapeJob | null>(null);
  const [log, setLog] = useState<StreamEvent[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const request = useMemo(
    () => job && { url: `${job.stream_url}?token=${encodeURIComponent(token)}`, eventNames: jobEvents, key: job.job_id },
    // The token is read when the job starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [job],
  );
  const onEvent = useCallback((event: StreamEvent) => setLog((current) => [...current, event]), []);
  const { status } = useEventStream(request, onEvent);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setProblem(null);
      setLog([]);
      setJob(await startScrapeJob(token, parseDomains(text)));
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <>
      <h1>Background jobs</h1>
      <TokenField token={token} onToken={setToken} subject="ui-user" />
      <form onSubmit={submit} className="scrape-form">
        <label htmlFor="job-domains">Domains</label>
        <textarea id="job-domains" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!token}>Start job</button>
      </form>
      {problem && <p role="alert" className="notice">{problem}</p>}
      {job && <p>Job <code>{job.job_id}</code> on connection <code>{job.connection_id}</code></p>}
      <ConnectionStatus status={status} />
      <ol className="log" aria-label="Job events">
        {log.map((event, index) => (
          <li key={event.id ?? index}>
            <strong>{event.event}</strong> <code>{JSON.stringify(event.data).slice(0, 300)}</code>
          </li>
        ))}
      </ol>
    </>
  );
}
