import { useCallback, useMemo, useState, type FormEvent } from "react";
import { startScrapeJob } from "../client/api";
import type { EventOf, StartedScrapeJob } from "../client/events";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { TokenField } from "../components/TokenField";
import { useEventStream } from "../hooks/useEventStream";
import { parseDomains } from "../lib/jobs";

/** Start a background scrape job and follow its connection stream, resuming with Last-Event-ID after a drop. */
export function JobsPage() {
  const [token, setToken] = useState("");
  const [text, setText] = useState("");
  const [job, setJob] = useState<{ started: StartedScrapeJob; token: string } | null>(null);
  const [log, setLog] = useState<EventOf<"connection">[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  // The job's stream, with the token the job was started with (kept beside it, so a token pasted later
  // does not reopen the stream).
  const request = useMemo(() => job && { url: `${job.started.stream_url}?token=${encodeURIComponent(job.token)}`, key: job.started.job_id }, [job]);
  const onEvent = useCallback((event: EventOf<"connection">) => setLog((current) => [...current, event]), []);
  const { status, reason } = useEventStream("connection", request, onEvent);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setProblem(null);
      setLog([]);
      setJob({ started: await startScrapeJob(token, parseDomains(text)), token });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <>
      <h1>Background jobs</h1>
      <TokenField token={token} onToken={setToken} subject="ui-user" />
      <form onSubmit={(e) => void submit(e)} className="scrape-form">
        <label htmlFor="job-domains">Domains</label>
        <textarea id="job-domains" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!token}>Start job</button>
      </form>
      {problem && <p role="alert" className="notice">{problem}</p>}
      {job && <p>Job <code>{job.started.job_id}</code> on connection <code>{job.started.connection_id}</code></p>}
      <ConnectionStatus status={status} reason={reason} />
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
