import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { createWatch, deleteWatch, listWatches, searchJobs, watchAction } from "../client/api";
import type { EventOf, LocationType, StoredJob, WatchView } from "../client/events";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { TokenField } from "../components/TokenField";
import { useEventStream } from "../hooks/useEventStream";
import { parseDomains } from "../lib/jobs";

interface Change {
  id: string;
  kind: "new" | "changed" | "closed";
  job: StoredJob;
  fields?: string[];
}

const kinds = { job_opened: "new", job_changed: "changed", job_closed: "closed" } as const;
const locationTypes: readonly LocationType[] = ["remote", "hybrid", "onsite"];

/** Watches: create one with its filters, see each with its last run, follow what changed live, search the stored jobs. */
export function WatchesPage() {
  const [token, setToken] = useState("");
  const [text, setText] = useState("");
  const [every, setEvery] = useState("1h");
  const [keywords, setKeywords] = useState("");
  const [locationType, setLocationType] = useState("");
  const [watches, setWatches] = useState<WatchView[]>([]);
  const [changes, setChanges] = useState<Change[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<StoredJob[] | null>(null);

  const refresh = useCallback(async () => {
    if (token) {
      setWatches(await listWatches(token));
    }
  }, [token]);
  // The token's watches, as soon as there is a token (an answer for an older token is dropped).
  useEffect(() => {
    if (!token) {
      return;
    }
    let current = true;
    listWatches(token).then(
      (found) => current && setWatches(found),
      (error: Error) => current && setProblem(error.message),
    );
    return () => {
      current = false;
    };
  }, [token]);

  // From the start of what is kept: a person opening the page sees the changes so far, newest first.
  const request = useMemo(
    () => (token ? { url: `/api/v1/watches/stream?token=${encodeURIComponent(token)}&last_event_id=0`, isTerminal: () => false } : null),
    [token],
  );
  const onEvent = useCallback(
    (event: EventOf<"watches">) => {
      switch (event.event) {
        case "job_opened":
        case "job_changed":
        case "job_closed": {
          const { job, changed } = event.data;
          setChanges((current) => [{ id: event.id ?? String(current.length), kind: kinds[event.event], job, fields: changed ?? undefined }, ...current]);
          break;
        }
        case "watch_run":
          if (event.data.phase === "finished") {
            refresh().catch((error: Error) => setProblem(error.message));
          }
          break;
      }
    },
    [refresh],
  );
  const { status, reason } = useEventStream("watches", request, onEvent);

  const act = async (work: () => Promise<unknown>) => {
    try {
      setProblem(null);
      await work();
      await refresh();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const filters = {
      keywords: keywords.split(",").map((k) => k.trim()).filter((k) => k !== ""),
      location_type: locationTypes.find((type) => type === locationType),
    };
    void act(() => createWatch(token, parseDomains(text), every, filters));
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => setFound((await searchJobs(token, { q: query })).items));
  };

  return (
    <>
      <h1>Watches</h1>
      <TokenField token={token} onToken={setToken} subject="ui-user" />
      <form onSubmit={submit} className="scrape-form">
        <label htmlFor="watch-domains">Domains</label>
        <textarea id="watch-domains" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <label htmlFor="watch-every">Every</label>
        <input id="watch-every" value={every} onChange={(e) => setEvery(e.target.value)} placeholder="1h, 30m, 1d" />
        <label htmlFor="watch-keywords">Keywords</label>
        <input id="watch-keywords" value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder="engineer, data" />
        <label htmlFor="watch-type">Location type</label>
        <select id="watch-type" value={locationType} onChange={(e) => setLocationType(e.target.value)}>
          <option value="">any</option>
          {locationTypes.map((type) => <option key={type} value={type}>{type}</option>)}
        </select>
        <button type="submit" disabled={!token}>Create watch</button>
      </form>
      {problem && <p role="alert" className="notice">{problem}</p>}

      <section aria-labelledby="watches-heading">
        <h2 id="watches-heading">Your watches</h2>
        <ul className="log" aria-label="Watches">
          {watches.map((watch) => (
            <li key={watch.id} className="watch">
              <strong>{watch.domains.join(", ")}</strong>
              <span>every {watch.every}{watch.paused ? " (paused)" : ""}</span>
              <span className="open-jobs">{watch.open_jobs} open</span>
              <span className="last-run">
                {watch.last_run
                  ? `last run: ${watch.last_run.opened} new, ${watch.last_run.changed} changed, ${watch.last_run.closed} closed` +
                    (watch.last_run.errors.length > 0 ? `; ${watch.last_run.errors.map((e) => `${e.domain}: ${e.error}`).join("; ")}` : "")
                  : "not run yet"}
              </span>
              <button type="button" onClick={() => void act(() => watchAction(token, watch.id, "run"))}>Run now</button>
              <button type="button" onClick={() => void act(() => watchAction(token, watch.id, watch.paused ? "resume" : "pause"))}>{watch.paused ? "Resume" : "Pause"}</button>
              <button type="button" onClick={() => void act(() => deleteWatch(token, watch.id))}>Delete</button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changes</h2>
        <ConnectionStatus status={status} reason={reason} />
        <ol className="log" aria-label="Changes">
          {changes.map((change) => (
            <li key={change.id} className={`change ${change.kind}`}>
              <span className={`badge ${change.kind}`}>{change.kind}</span>
              <a href={change.job.job.url} target="_blank" rel="noreferrer">{change.job.job.title}</a>
              <span>{change.job.job.company}</span>
              <span>{change.job.job.location}</span>
              {change.fields && <span>({change.fields.join(", ")})</span>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="search-heading">
        <h2 id="search-heading">Search stored jobs</h2>
        <form onSubmit={search} className="search-form">
          <label htmlFor="job-search">Search</label>
          <input id="job-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="data engineer" />
          <button type="submit" disabled={!token}>Search</button>
        </form>
        {found && (
          <ul className="log" aria-label="Search results">
            {found.length === 0 && <li>No stored job matches.</li>}
            {found.map((stored) => (
              <li key={`${stored.watch_id} ${stored.identity}`}>
                <a href={stored.job.url} target="_blank" rel="noreferrer">{stored.job.title}</a>
                <span>{stored.job.company}</span>
                <span>{stored.job.location}</span>
                <span className="badge">{stored.job.location_type}</span>
                <span>{stored.open ? `open since ${stored.first_seen.slice(0, 10)}` : `closed ${stored.closed_at?.slice(0, 10)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
