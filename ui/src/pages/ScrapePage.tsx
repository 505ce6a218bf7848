import { useCallback, useMemo, useState, type FormEvent } from "react";
import { scrapeSteps, type MissedEvents, type ProgressEvent, type RunStarted, type ScrapeResult, type ScrapeSummary } from "../client/events";
import type { StreamEvent } from "../client/stream";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { JobsTable } from "../components/JobsTable";
import { useEventStream } from "../hooks/useEventStream";
import { isComplete, mergeResult, parseDomains } from "../lib/jobs";

interface Row {
  domain: string;
  step?: string;
  message?: string;
  result?: ScrapeResult;
}

const triggerEvents = ["run", "progress", "result", "completed", "error", "missed", "reconnect"] as const;

function percent(row: Row): number {
  if (row.result && isComplete(row.result)) {
    return 100;
  }
  const index = row.step ? scrapeSteps.indexOf(row.step as (typeof scrapeSteps)[number]) : -1;
  return Math.round(((index + 1) / (scrapeSteps.length + 1)) * 100);
}

/** Paste domains, press Scrape, watch each domain's steps, then read and export the jobs found. */
export function ScrapePage() {
  const [text, setText] = useState("");
  const [run, setRun] = useState<{ domains: string[]; attempt: number } | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [summary, setSummary] = useState<ScrapeSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const request = useMemo(
    () =>
      run && {
        key: `${run.attempt}`,
        url: `/api/v1/scraping/trigger/stream?domains=${run.domains.map(encodeURIComponent).join(",")}`,
        eventNames: triggerEvents,
      },
    [run],
  );

  const onEvent = useCallback((event: StreamEvent) => {
    const update = (domain: string, change: Partial<Row>) =>
      setRows((current) => {
        const found = current.some((row) => row.domain === domain);
        return found ? current.map((row) => (row.domain === domain ? { ...row, ...change } : row)) : [...current, { domain, ...change }];
      });
    switch (event.event) {
      case "run":
        if (!(event.data as RunStarted).resumed) {
          // A new run (the server did not know ours any more): start the rows again.
          setRows((current) => current.map((row) => ({ domain: row.domain })));
          setSummary(null);
        }
        break;
      case "progress": {
        const step = event.data as ProgressEvent;
        update(step.domain, { step: step.step, message: step.message });
        break;
      }
      case "result": {
        const part = event.data as ScrapeResult;
        setRows((current) => {
          const found = current.find((row) => row.domain === part.domain);
          const result = mergeResult(found?.result, part);
          const counted = `${result.jobs.length} jobs${isComplete(result) ? "" : ` so far (part ${result.part} of ${result.parts})`}`;
          const change = { result, message: result.status === "success" ? [counted, result.warning].filter(Boolean).join("; ") : result.error };
          return found ? current.map((row) => (row === found ? { ...row, ...change } : row)) : [...current, { domain: part.domain, ...change }];
        });
        break;
      }
      case "completed":
        setSummary(event.data as ScrapeSummary);
        break;
      case "error":
      case "reconnect":
      case "missed":
        setNotice((event.data as MissedEvents).message);
        break;
    }
  }, []);

  const { status } = useEventStream(request, onEvent);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const domains = parseDomains(text);
    if (domains.length === 0) {
      setNotice("Enter at least one domain.");
      return;
    }
    setNotice(null);
    setSummary(null);
    setRows(domains.map((domain) => ({ domain })));
    setRun((current) => ({ domains, attempt: (current?.attempt ?? 0) + 1 }));
  };

  const jobs = rows.flatMap((row) => row.result?.jobs ?? []);
  const health = rows.filter((row) => row.result?.status === "success" && row.result.jobs[0]?.company_health);

  return (
    <>
      <h1>Scrape career pages</h1>
      <form onSubmit={submit} className="scrape-form">
        <label htmlFor="domains">Domains</label>
        <textarea
          id="domains"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"stripe.com\nhttps://example.com/careers"}
          aria-describedby="domains-help"
        />
        <p id="domains-help" className="help">One per line, or separated by commas.</p>
        <button type="submit">Scrape</button>
      </form>
      <ConnectionStatus status={status} />
      {notice && <p className="notice" role="alert">{notice}</p>}

      {rows.length > 0 && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <ul className="rows">
            {rows.map((row) => (
              <li key={row.domain} className={`row ${row.result?.status ?? "running"}`} data-domain={row.domain}>
                <span className="domain">{row.domain}</span>
                <progress max={100} value={percent(row)} aria-label={`${row.domain} progress`} />
                <span className="step">
                  {row.result && isComplete(row.result) ? (row.result.status === "success" ? "done" : "failed") : row.step ?? "waiting"}
                </span>
                <span className="message">{row.message}</span>
              </li>
            ))}
          </ul>
          {summary && (
            <p className="summary">
              Finished: {summary.succeeded} of {summary.total} succeeded, {summary.failed} failed.
            </p>
          )}
        </section>
      )}

      {health.length > 0 && (
        <section aria-labelledby="health-heading">
          <h2 id="health-heading">Company health</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr><th>Company</th><th>Open roles</th><th>Departments</th><th>Remote share</th><th>Newest posting</th></tr>
              </thead>
              <tbody>
                {health.map((row) => {
                  const first = row.result!.jobs[0];
                  const h = first.company_health!;
                  return (
                    <tr key={row.domain}>
                      <td>{first.company}</td>
                      <td>{h.open_roles}</td>
                      <td>{h.departments.join(", ")}</td>
                      <td>{Math.round(h.remote_share * 100)}%</td>
                      <td>{h.newest_posting ? new Date(h.newest_posting).toLocaleDateString() : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {jobs.length > 0 && <JobsTable jobs={jobs} />}
    </>
  );
}
