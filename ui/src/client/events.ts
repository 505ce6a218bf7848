// What JobStream's endpoints and streams carry, from the API's own OpenAPI document: schema.d.ts is
// generated from ui/openapi.json by openapi-typescript (`npm run types`; `npm run check` fails while it
// is behind). Each stream's events are the `x-events` of its 200 response: `streams` below names them
// once, and events.test.ts holds it to the document.
import type { components, paths } from "./schema";
import type { StreamEvent } from "./stream";

export type Schemas = components["schemas"];
export type Job = Schemas["Job"];
export type ScrapeResult = Schemas["ScrapeResult"];
export type ScrapeSummary = Schemas["ScrapeSummary"];
export type ScrapeStep = Schemas["ScrapeStep"];
export type LocationType = Schemas["LocationType"];
export type CompanyHealth = Schemas["CompanyHealth"];
export type EventsEnvelope = Schemas["EventsEnvelope"];
export type StartedScrapeJob = Schemas["StartedScrapeJob"];
export type ConnectionsStatus = Schemas["ConnectionsStatus"];
export type WatchFilters = Schemas["WatchFilters"];
export type WatchView = Schemas["WatchView"];
export type WatchRunSummary = Schemas["WatchRunSummary"];
export type StoredJob = Schemas["StoredJob"];
export type JobChangeEvent = Schemas["JobChangeEvent"];
export type JobSearchPage = Schemas["JobSearchPage"];

export const scrapeSteps: readonly ScrapeStep[] = ["resolving", "fetching", "discovering", "extracting", "enriching"];

/** A schema's name, or "any" for JSON whose shape is the producer's own. */
type DataName = keyof Schemas | "any";

/** Every stream the UI opens: where it is, and the data of each event it sends ("message": unnamed). */
export const streams = {
  /** GET /api/v1/scraping/trigger/stream: a scrape run with its progress steps. */
  scrapeRun: {
    path: "/api/v1/scraping/trigger/stream",
    events: { run: "RunStarted", progress: "ProgressEvent", result: "ScrapeResult", completed: "ScrapeSummary", missed: "MissedEvents", error: "StreamFailed", reconnect: "Reconnect" },
  },
  /** A connection's stream: a background job's progress and results. */
  connection: {
    path: "/api/v1/stream/{connectionId}",
    events: { connected: "ConnectedEvent", progress: "ProgressEvent", result: "ScrapeResult", completed: "ScrapeSummary", missed: "MissedEvents", error: "StreamFailed", reconnect: "Reconnect" },
  },
  /** A user's progress, published by their workers. */
  progress: {
    path: "/api/v1/sse/progress/stream/{user_id}",
    events: { connected: "ProgressConnected", progress: "any", missed: "MissedEvents", error: "StreamFailed", reconnect: "Reconnect" },
  },
  /** The public feed: unnamed events whose JSON names them. */
  events: {
    path: "/events",
    events: { message: "EventsEnvelope", error: "StreamFailed", reconnect: "Reconnect" },
  },
  /** The changes of all of a user's watches. */
  watches: {
    path: "/api/v1/watches/stream",
    events: {
      connected: "WatchFeedConnected", job_opened: "JobChangeEvent", job_changed: "JobChangeEvent", job_closed: "JobChangeEvent",
      watch_run: "WatchRunEvent", missed: "MissedEvents", error: "StreamFailed", reconnect: "Reconnect",
    },
  },
} as const satisfies Record<string, { path: keyof paths; events: Record<string, DataName> }>;

export type StreamName = keyof typeof streams;
type EventsOf<S extends StreamName> = (typeof streams)[S]["events"];
type DataOf<N> = N extends keyof Schemas ? Schemas[N] : unknown;

/** One event of stream `S`: a union discriminated by `event`, each with its data's own type. */
export type EventOf<S extends StreamName> = {
  [E in keyof EventsOf<S>]: { event: E; data: DataOf<EventsOf<S>[E]>; id?: string };
}[keyof EventsOf<S>];

/** The named events to listen for (EventSource hands over only the names it is told, and "message"). */
export function eventNames(stream: StreamName): string[] {
  return Object.keys(streams[stream].events).filter((name) => name !== "message");
}

/**
 * A stream's raw event as a member of its union, or undefined for a name the stream does not send (a
 * producer's own event on a connection, say). The one place an event's JSON is taken as its type: the
 * service writes each event's data in the schema the document names for it.
 */
export function parseEvent<S extends StreamName>(stream: S, raw: StreamEvent): EventOf<S> | undefined {
  return Object.hasOwn(streams[stream].events, raw.event) ? (raw as EventOf<S>) : undefined;
}

/** A progress document as workers publish it (its shape is theirs; these are the fields the page shows). */
export interface ProgressDocument {
  completed?: number;
  total?: number;
  status?: string;
  message?: string;
}

/** The fields of a worker's progress document that the page shows, each only when it has that type. */
export function progressDocument(data: unknown): ProgressDocument | null {
  if (typeof data !== "object" || data === null) {
    return null;
  }
  const fields = data as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === "number" ? value : undefined);
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { completed: number(fields.completed), total: number(fields.total), status: text(fields.status), message: text(fields.message) };
}
