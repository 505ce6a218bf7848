import type { ConnectionsStatus, JobSearchPage, ProgressDocument, StartedScrapeJob, WatchFilters, WatchView } from "./events";

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? detail;
      if (problem.errors) {
        detail += ": " + Object.entries(problem.errors).map(([field, messages]) => `${field}: ${(messages as string[]).join(" ")}`).join("; ");
      }
    } catch {
      // not a problem document
    }
    throw new Error(detail);
  }
  return (await response.json()) as T;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Development only: a token for `sub`, from the API's dev token endpoint. */
export async function devToken(sub: string): Promise<string> {
  const answer = await json<{ token?: string; access_token?: string }>(
    await fetch("/api/v1/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ sub }) }),
  );
  return answer.token ?? answer.access_token ?? "";
}

export async function startScrapeJob(token: string, domains: string[]): Promise<StartedScrapeJob> {
  return json(await fetch("/api/v1/scrape/jobs", { method: "POST", headers: { "Content-Type": "application/json", ...bearer(token) }, body: JSON.stringify({ domains }) }));
}

export async function progressStatus(token: string, userId: string): Promise<ProgressDocument | null> {
  return json(await fetch(`/api/v1/sse/progress/status/${encodeURIComponent(userId)}`, { headers: bearer(token) }));
}

export async function clearProgress(token: string, userId: string): Promise<{ message: string; cleared: boolean }> {
  return json(await fetch(`/api/v1/sse/progress/${encodeURIComponent(userId)}`, { method: "DELETE", headers: bearer(token) }));
}

export async function connectionsStatus(token: string): Promise<ConnectionsStatus> {
  return json(await fetch("/api/v1/sse/connections/status", { headers: bearer(token) }));
}

export async function createWatch(token: string, domains: string[], every: string, filters: WatchFilters): Promise<WatchView> {
  return json(await fetch("/api/v1/watches", { method: "POST", headers: { "Content-Type": "application/json", ...bearer(token) }, body: JSON.stringify({ domains, every, filters }) }));
}

export async function listWatches(token: string): Promise<WatchView[]> {
  return json(await fetch("/api/v1/watches", { headers: bearer(token) }));
}

/** Run now, pause or resume a watch. */
export async function watchAction(token: string, id: string, action: "run" | "pause" | "resume"): Promise<WatchView> {
  return json(await fetch(`/api/v1/watches/${encodeURIComponent(id)}/${action}`, { method: "POST", headers: bearer(token) }));
}

export async function deleteWatch(token: string, id: string): Promise<void> {
  const response = await fetch(`/api/v1/watches/${encodeURIComponent(id)}`, { method: "DELETE", headers: bearer(token) });
  if (!response.ok && response.status !== 404) {
    await json(response);
  }
}

export async function searchJobs(token: string, query: Record<string, string>): Promise<JobSearchPage> {
  const parameters = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ""));
  return json(await fetch(`/api/v1/jobs?${parameters}`, { headers: bearer(token) }));
}
