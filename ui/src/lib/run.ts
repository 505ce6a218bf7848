import type { CompanyHealth, EventOf, ScrapeResult, ScrapeStep, ScrapeSummary } from "../client/events";
import { scrapeSteps } from "../client/events";
import { isComplete, mergeResult } from "./jobs";

/** Where one site of a run is: not started, at a step, or ended (done, partial with warnings, failed). */
export type SiteState = "waiting" | "running" | "done" | "partial" | "failed";

export interface SiteRow {
  /** The site as the request named it: every event of the run names it so (docs/api.md). */
  domain: string;
  state: SiteState;
  step?: ScrapeStep;
  message?: string;
  result?: ScrapeResult;
}

/** A scrape run as the page shows it: one row per site, the summary once it is over, a notice. */
export interface RunView {
  rows: SiteRow[];
  summary: ScrapeSummary | null;
  notice: string | null;
}

export const startRun = (domains: readonly string[]): RunView => ({ rows: domains.map((domain) => ({ domain, state: "waiting" })), summary: null, notice: null });

const ended = (row: SiteRow) => row.state === "done" || row.state === "partial" || row.state === "failed";

function withRow(rows: SiteRow[], domain: string, change: (row: SiteRow) => SiteRow): SiteRow[] {
  const found = rows.some((row) => row.domain === domain);
  return found ? rows.map((row) => (row.domain === domain ? change(row) : row)) : [...rows, change({ domain, state: "waiting" })];
}

function resultRow(row: SiteRow, part: ScrapeResult): SiteRow {
  const result = mergeResult(row.result, part);
  if (!isComplete(result)) {
    return { ...row, state: "running", result, message: `${result.jobs.length} jobs so far (part ${result.part} of ${result.parts})` };
  }
  if (result.status === "error") {
    return { ...row, state: "failed", result, message: result.error ?? "failed" };
  }
  const counted = `${result.jobs.length} ${result.jobs.length === 1 ? "job" : "jobs"}`;
  // Partial: jobs from what could be read, and what could not (a board that failed, a job too large).
  return result.status === "partial"
    ? { ...row, state: "partial", result, message: [counted, ...(result.warnings ?? [])].join("; ") }
    : { ...row, state: "done", result, message: counted };
}

/** The run after one of its events. */
export function applyRunEvent(view: RunView, event: EventOf<"scrapeRun">): RunView {
  switch (event.event) {
    case "run":
      // A new run (the server did not know ours any more): every site starts again.
      return event.data.resumed ? view : { ...view, rows: view.rows.map((row) => ({ domain: row.domain, state: "waiting" })), summary: null };
    case "progress": {
      const { domain, step, message } = event.data;
      return { ...view, rows: withRow(view.rows, domain, (row) => (ended(row) ? row : { ...row, state: "running", step, message })) };
    }
    case "result":
      return { ...view, rows: withRow(view.rows, event.data.domain, (row) => resultRow(row, event.data)) };
    case "completed":
      // The run is over: a site whose result never came (its events were no longer kept) says so
      // rather than staying at its last step.
      return {
        ...view,
        summary: event.data,
        rows: view.rows.map((row) => (ended(row) ? row : { ...row, state: "failed", message: "No result arrived for this site." })),
      };
    case "missed":
    case "error":
    case "reconnect":
      return { ...view, notice: event.data.message };
  }
}

/** How far a row is, for its bar: each step a share, an ended row full. */
export function percent(row: SiteRow): number {
  if (ended(row)) {
    return 100;
  }
  const index = row.step ? scrapeSteps.indexOf(row.step) : -1;
  return Math.round(((index + 1) / (scrapeSteps.length + 1)) * 100);
}

export const endedCount = (view: RunView) => view.rows.filter(ended).length;

export interface CompanyRow {
  company: string;
  health: CompanyHealth;
}

/**
 * Company health by company name (two sites of one company are one row, two companies on one host
 * two): open roles added up, departments joined, the remote share weighted by roles, the newest posting.
 */
export function companies(results: readonly ScrapeResult[]): CompanyRow[] {
  const byName = new Map<string, CompanyRow>();
  for (const result of results) {
    const first = result.jobs[0];
    if (result.status !== "success" || !first?.company_health) {
      continue;
    }
    const key = first.company.trim().toLowerCase();
    const health = first.company_health;
    const seen = byName.get(key);
    if (!seen) {
      byName.set(key, { company: first.company, health });
      continue;
    }
    const roles = seen.health.open_roles + health.open_roles;
    const newest = [seen.health.newest_posting, health.newest_posting].filter((date): date is string => !!date).sort().at(-1);
    seen.health = {
      open_roles: roles,
      departments: [...new Set([...seen.health.departments, ...health.departments])].sort(),
      remote_share: roles === 0 ? 0 : (seen.health.remote_share * seen.health.open_roles + health.remote_share * health.open_roles) / roles,
      newest_posting: newest ?? null,
    };
  }
  return [...byName.values()];
}
