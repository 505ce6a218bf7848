// The payloads of JobStream's streams and endpoints (docs/api.md), as the API writes them: snake_case.

export type ScrapeStep = "resolving" | "fetching" | "discovering" | "extracting" | "enriching";

export const scrapeSteps: readonly ScrapeStep[] = ["resolving", "fetching", "discovering", "extracting", "enriching"];

export interface CompanyHealth {
  open_roles: number;
  departments: string[];
  remote_share: number;
  newest_posting?: string | null;
  median_posting_age_days?: number | null;
}

export interface Job {
  company: string;
  title: string;
  url: string;
  summary: string;
  location: string;
  location_type: "remote" | "hybrid" | "onsite" | string;
  is_contract: boolean;
  employment_type: string;
  salary?: string;
  seniority: string;
  department: string;
  role: string;
  score: number;
  signals: string[];
  timestamp: string;
  source_page: string;
  extraction_source: string;
  company_health?: CompanyHealth | null;
}

export interface ScrapeResult {
  domain: string;
  status: "success" | "error";
  jobs: Job[];
  error?: string;
  /** Set when the jobs are too many for one event: this event's place among `parts`, from 1. */
  part?: number;
  parts?: number;
  /** What the result leaves out, and why. */
  warning?: string;
}

/** A `progress` event of the trigger stream: one step of one domain. */
export interface ProgressEvent {
  domain: string;
  step: ScrapeStep;
  message: string;
  completed: number;
  total: number;
}

/** The first event of a run. */
export interface RunStarted {
  run_id: string;
  resumed: boolean;
}

export interface ScrapeSummary {
  total: number;
  succeeded: number;
  failed: number;
}

/** Some events after the client's last id are no longer kept. */
export interface MissedEvents {
  message: string;
  last_event_id?: string | null;
  latest?: unknown;
}

/** What /events sends: unnamed events whose JSON names them. */
export interface EventsEnvelope {
  event: string;
  timestamp: string;
  data?: unknown;
}

export interface ConnectedEvent {
  connection_id: string;
}

export interface StartedScrapeJob {
  job_id: string;
  connection_id: string;
  stream_url: string;
}

export interface ConnectionsStatus {
  open_streams: number;
  connections: number;
  progress_streams: number;
  event_streams: number;
  backplane: { kind: string; connected: boolean };
}

export interface ProgressDocument {
  completed?: number;
  total?: number;
  status?: string;
  message?: string;
  [key: string]: unknown;
}

/** The events of the trigger stream (GET /api/v1/scraping/trigger/stream), by name. */
export interface TriggerEvents {
  run: RunStarted;
  progress: ProgressEvent;
  result: ScrapeResult;
  completed: ScrapeSummary;
  error: { message: string };
  missed: MissedEvents;
  reconnect: { message: string };
}

/** Named events after which a stream has nothing more to say. */
export const terminalEvents = new Set(["completed", "error"]);

// Watches (docs/watches.md).
export interface WatchFilters {
  keywords?: string[];
  location?: string | null;
  location_type?: "remote" | "hybrid" | "onsite" | null;
  seniority?: string | null;
  department?: string | null;
}

export interface WatchRunSummary {
  started_at: string;
  finished_at?: string | null;
  domains: number;
  opened: number;
  changed: number;
  closed: number;
  open: number;
  unchanged: number;
  errors: { domain: string; error: string }[];
}

export interface WatchView {
  id: string;
  domains: string[];
  every: string;
  filters: WatchFilters;
  paused: boolean;
  created_at: string;
  next_run_at: string;
  last_run?: WatchRunSummary | null;
  open_jobs: number;
  webhook_url?: string | null;
  stream_url: string;
  jobs_url: string;
}

export interface StoredJob {
  watch_id: string;
  domain: string;
  identity: string;
  first_seen: string;
  last_seen: string;
  closed_at?: string | null;
  open: boolean;
  job: Job & { posted_at?: string | null };
}

export interface JobChangeEvent {
  watch_id: string;
  job: StoredJob;
  changed?: string[];
  previous?: Record<string, unknown>;
}

export interface WatchRunEvent {
  watch_id: string;
  phase: "started" | "finished";
  run: WatchRunSummary;
}

export interface JobSearchPage {
  items: StoredJob[];
  page: number;
  page_size: number;
  has_more: boolean;
}

/** The change events of a watch stream, and what each one's data is. */
export interface WatchEvents {
  job_opened: JobChangeEvent;
  job_changed: JobChangeEvent;
  job_closed: JobChangeEvent;
  watch_run: WatchRunEvent;
}

export const watchEventNames = ["connected", "job_opened", "job_changed", "job_closed", "watch_run", "missed", "error", "reconnect"] as const;
