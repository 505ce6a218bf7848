import type { Job, ScrapeResult } from "../client/events";

export type SortKey = "title" | "company" | "location" | "location_type" | "employment_type" | "seniority" | "department" | "score";

export interface JobFilter {
  locationType: string;
  seniority: string;
  department: string;
  text: string;
}

export const noFilter: JobFilter = { locationType: "", seniority: "", department: "", text: "" };

export function filterJobs(jobs: readonly Job[], filter: JobFilter): Job[] {
  const text = filter.text.trim().toLowerCase();
  return jobs.filter(
    (job) =>
      (!filter.locationType || job.location_type === filter.locationType) &&
      (!filter.seniority || job.seniority === filter.seniority) &&
      (!filter.department || job.department === filter.department) &&
      (!text || [job.title, job.company, job.location, job.department, job.summary].some((field) => field?.toLowerCase().includes(text))),
  );
}

export function sortJobs(jobs: readonly Job[], key: SortKey, descending: boolean): Job[] {
  const sorted = [...jobs].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
    return descending ? -order : order;
  });
  return sorted;
}

/** The distinct non-empty values of a field, sorted: a filter's choices. */
export function choices(jobs: readonly Job[], pick: (job: Job) => string | null | undefined): string[] {
  return [...new Set(jobs.map(pick).filter((value): value is string => !!value))].sort();
}

const csvColumns = ["title", "company", "location", "location_type", "employment_type", "salary", "seniority", "department", "score", "signals", "url"] as const satisfies readonly (keyof Job)[];

// A text cell that begins like a formula (=, +, -, @, tab, carriage return) is made text with a leading
// apostrophe, as OWASP advises: a scraped title "=HYPERLINK(…)" must not run in the reader's spreadsheet.
function csvCell(value: Job[(typeof csvColumns)[number]]): string {
  const raw = Array.isArray(value) ? value.join("; ") : String(value ?? "");
  const text = typeof value !== "number" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV, with a header line. */
export function toCsv(jobs: readonly Job[]): string {
  const lines = [csvColumns.join(",")];
  for (const job of jobs) {
    lines.push(csvColumns.map((column) => csvCell(job[column])).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

/** Splits what a person pasted: one domain per line, or comma-separated. */
export function parseDomains(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((domain) => domain.trim()).filter((domain) => domain))];
}

/**
 * A domain's result as its events bring it: a result too large for one event comes in parts
 * (`part` of `parts`), whose jobs add up; a result without parts replaces what came before.
 */
export function mergeResult(previous: ScrapeResult | undefined, next: ScrapeResult): ScrapeResult {
  if (!previous || !next.part || next.part <= 1) {
    return next;
  }
  return { ...next, jobs: [...previous.jobs, ...next.jobs], warnings: previous.warnings ?? next.warnings };
}

/** Every part of the result has come (a result in one event is complete at once). */
export function isComplete(result: ScrapeResult): boolean {
  return !result.parts || result.part === result.parts;
}
