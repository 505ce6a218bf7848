import createClient from "openapi-fetch";
import type { JobSearchPage, StartedScrapeJob, WatchFilters, WatchView } from "./events";
import type { paths } from "./schema";

// Every call is checked against the API's OpenAPI document (schema.d.ts): its path, parameters, body
// and answer.
const client = createClient<paths>({ baseUrl: globalThis.location?.origin ?? "http://localhost" });

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A problem document's words (ProblemDetails, with each field's errors), or the status line. */
function problemText(error: unknown, response: Response): string {
  const problem = (typeof error === "object" && error !== null ? error : {}) as { detail?: string | null; title?: string | null; errors?: Record<string, string[]> };
  let text = problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`;
  if (problem.errors) {
    text += ": " + Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ");
  }
  return text;
}

/** The answer's data, or an Error with the problem's words. */
async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    throw new Error(problemText(error, response));
  }
  return data;
}

/** Development only: a token for `sub`, from the API's dev token endpoint. */
export async function devToken(sub: string): Promise<string> {
  return (await answer(client.POST("/api/v1/dev/token", { body: { sub } }))).token;
}

export function startScrapeJob(token: string, domains: string[]): Promise<StartedScrapeJob> {
  return answer(client.POST("/api/v1/scrape/jobs", { headers: bearer(token), body: { domains } }));
}

/** The user's latest progress document (the worker's own JSON), or null. */
export function progressStatus(token: string, userId: string): Promise<unknown> {
  return answer(client.GET("/api/v1/sse/progress/status/{user_id}", { headers: bearer(token), params: { path: { user_id: userId } } }));
}

export function clearProgress(token: string, userId: string) {
  return answer(client.DELETE("/api/v1/sse/progress/{user_id}", { headers: bearer(token), params: { path: { user_id: userId } } }));
}

export function connectionsStatus(token: string) {
  return answer(client.GET("/api/v1/sse/connections/status", { headers: bearer(token) }));
}

export function createWatch(token: string, domains: string[], every: string, filters: WatchFilters): Promise<WatchView> {
  return answer(client.POST("/api/v1/watches", { headers: bearer(token), body: { domains, every, filters } }));
}

export function listWatches(token: string): Promise<WatchView[]> {
  return answer(client.GET("/api/v1/watches", { headers: bearer(token) }));
}

/** Run now, pause or resume a watch. */
export function watchAction(token: string, id: string, action: "run" | "pause" | "resume"): Promise<WatchView> {
  const path = ({ run: "/api/v1/watches/{id}/run", pause: "/api/v1/watches/{id}/pause", resume: "/api/v1/watches/{id}/resume" } as const)[action];
  return answer(client.POST(path, { headers: bearer(token), params: { path: { id } } }));
}

/** Deletes a watch; one that is already gone is not an error. */
export async function deleteWatch(token: string, id: string): Promise<void> {
  const { error, response } = await client.DELETE("/api/v1/watches/{id}", { headers: bearer(token), params: { path: { id } } });
  if (!response.ok && response.status !== 404) {
    throw new Error(problemText(error, response));
  }
}

export type JobQuery = NonNullable<paths["/api/v1/jobs"]["get"]["parameters"]["query"]>;

export function searchJobs(token: string, query: JobQuery): Promise<JobSearchPage> {
  return answer(client.GET("/api/v1/jobs", { headers: bearer(token), params: { query } }));
}
