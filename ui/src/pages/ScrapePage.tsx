import { useCallback, useMemo, useState, type FormEvent } from "react";
import type { EventOf } from "../client/events";
import { JobsTable } from "../components/JobsTable";
import { RunStatus } from "../components/RunStatus";
import { useEventStream } from "../hooks/useEventStream";
import { parseDomains } from "../lib/jobs";
import { applyRunEvent, companies, endedCount, percent, startRun, type RunView } from "../lib/run";

const stateWords = { waiting: "waiting", running: "", done: "done", partial: "partial", failed: "failed" } as const;

/** Paste domains, press Scrape, watch each site's steps, then read and export the jobs found. */
export function ScrapePage() {
  const [text, setText] = useState("");
  const [run, setRun] = useState<{ domains: string[]; attempt: number } | null>(null);
  const [view, setView] = useState<RunView>(() => startRun([]));
  const [problem, setProblem] = useState<string | null>(null);

  const request = useMemo(
    () => run && { key: `${run.attempt}`, url: `/api/v1/scraping/trigger/stream?domains=${run.domains.map(encodeURIComponent).join(",")}` },
    [run],
  );
  const onEvent = useCallback((event: EventOf<"scrapeRun">) => setView((current) => applyRunEvent(current, event)), []);
  const stream = useEventStream("scrapeRun", request, onEvent);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const domains = parseDomains(text);
    if (domains.length === 0) {
      setProblem("Enter at least one domain.");
      return;
    }
    setProblem(null);
    setView(startRun(domains));
    setRun((current) => ({ domains, attempt: (current?.attempt ?? 0) + 1 }));
  };

  const results = view.rows.flatMap((row) => (row.result ? [row.result] : []));
  const jobs = results.flatMap((result) => result.jobs);
  const health = companies(results);

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
      {run && <RunStatus status={stream.status} reason={stream.reason} sites={view.rows.length} ended={endedCount(view)} partial={view.rows.filter((row) => row.state === "partial").length} summary={view.summary} />}
      {problem && <p className="notice" role="alert">{problem}</p>}
      {view.notice && <p className="notice">{view.notice}</p>}

      {view.rows.length > 0 && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <ul className="rows">
            {view.rows.map((row) => (
              <li key={row.domain} className={`row ${row.state}`} data-domain={row.domain}>
                <span className="domain">{row.domain}</span>
                <progress max={100} value={percent(row)} aria-label={`${row.domain} progress`} />
                <span className="step">{row.state === "running" ? row.step ?? "starting" : stateWords[row.state]}</span>
                <span className="message">{row.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {health.length > 0 && (
        <section aria-labelledby="health-heading">
          <h2 id="health-heading">Company health</h2>
          <div className="table-scroll">
            <table className="health">
              <thead>
                <tr><th>Company</th><th>Open roles</th><th>Departments</th><th>Remote share</th><th>Newest posting</th></tr>
              </thead>
              <tbody>
                {health.map(({ company, health: h }) => (
                  <tr key={company}>
                    <td>{company}</td>
                    <td>{h.open_roles}</td>
                    <td>{h.departments.join(", ")}</td>
                    <td>{Math.round(h.remote_share * 100)}%</td>
                    <td>{h.newest_posting ? new Date(h.newest_posting).toLocaleDateString() : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {jobs.length > 0 && <JobsTable jobs={jobs} />}
    </>
  );
}
