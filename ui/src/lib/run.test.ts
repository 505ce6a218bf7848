import { describe, expect, it } from "vitest";
import type { EventOf, Job, ScrapeResult } from "../client/events";
import { applyRunEvent, companies, endedCount, percent, startRun, type RunView } from "./run";

const job = (company: string, health?: Job["company_health"]): Job => ({
  company, title: "Engineer", url: `https://${company}.test/1`, summary: "", location: "Berlin", location_type: "onsite", is_contract: false,
  employment_type: "full_time", salary: "", seniority: "mid", department: "Engineering", role: "engineering", score: 50, signals: [],
  timestamp: "2026-11-01T00:00:00Z", source_page: "", extraction_source: "json_ld", company_health: health,
});
const result = (domain: string, extra: Partial<ScrapeResult> = {}): ScrapeResult => ({ domain, status: "success", jobs: [job("acme")], ...extra });
const play = (view: RunView, ...events: EventOf<"scrapeRun">[]) => events.reduce(applyRunEvent, view);
const progress = (domain: string, step: "fetching" | "enriching"): EventOf<"scrapeRun"> => ({ event: "progress", data: { domain, step, message: step, completed: 0, total: 2 } });

describe("a scrape run's rows", () => {
  it("keeps one row per site as the request named it, and ends each in done, partial or failed", () => {
    const view = play(
      startRun(["http://127.0.0.1:18600/", "b.test"]),
      { event: "run", data: { run_id: "r", resumed: false } },
      progress("http://127.0.0.1:18600/", "fetching"),
      progress("b.test", "enriching"),
      { event: "result", data: result("http://127.0.0.1:18600/", { status: "partial", warnings: ["the Greenhouse board 'acme' could not be read: 404", "1 job left out: too large for an event"] }) },
      { event: "result", data: result("b.test", { status: "error", jobs: [], error: "timed out after 60 s" }) },
      { event: "completed", data: { total: 2, succeeded: 1, failed: 1 } },
    );

    expect(view.rows.map((row) => [row.domain, row.state])).toEqual([["http://127.0.0.1:18600/", "partial"], ["b.test", "failed"]]);
    expect(view.rows[0].message).toBe("1 job; the Greenhouse board 'acme' could not be read: 404; 1 job left out: too large for an event");
    expect(view.rows[1].message).toBe("timed out after 60 s");
    expect(view.rows.map(percent)).toEqual([100, 100]);
    expect(endedCount(view)).toBe(2);
  });

  it("leaves no row mid-step once the run has completed", () => {
    const view = play(startRun(["a.test", "b.test"]), progress("a.test", "enriching"), { event: "result", data: result("b.test") }, { event: "completed", data: { total: 2, succeeded: 1, failed: 0 } });

    expect(view.rows.map((row) => row.state)).toEqual(["failed", "done"]);
    expect(view.rows[0].message).toBe("No result arrived for this site.");
    expect(view.summary).toEqual({ total: 2, succeeded: 1, failed: 0 });
  });

  it("adds up a result that comes in parts, and a step that comes late does not reopen an ended row", () => {
    const view = play(
      startRun(["a.test"]),
      { event: "result", data: result("a.test", { part: 1, parts: 2 }) },
      { event: "result", data: result("a.test", { part: 2, parts: 2 }) },
      progress("a.test", "enriching"),
    );

    expect(view.rows).toHaveLength(1);
    expect(view.rows[0].state).toBe("done");
    expect(view.rows[0].result?.jobs).toHaveLength(2);
  });

  it("starts every row again when the server began the run anew", () => {
    const view = play(startRun(["a.test"]), { event: "result", data: result("a.test") }, { event: "run", data: { run_id: "r2", resumed: false } });
    expect(view.rows).toEqual([{ domain: "a.test", state: "waiting" }]);
  });
});

describe("company health", () => {
  it("is one row per company name, whatever the host", () => {
    const health = (open_roles: number, remote_share: number, departments: string[]) => ({ open_roles, remote_share, departments, newest_posting: null });
    const rows = companies([
      { domain: "http://127.0.0.1:1/", status: "success", jobs: [job("Acme", health(2, 1, ["Engineering"]))] },
      { domain: "http://127.0.0.1:2/", status: "success", jobs: [job("acme ", health(2, 0, ["Design"]))] },
      { domain: "http://127.0.0.1:3/", status: "success", jobs: [job("Globex", health(1, 0, []))] },
    ]);

    expect(rows.map((row) => [row.company, row.health.open_roles, row.health.remote_share, row.health.departments])).toEqual([
      ["Acme", 4, 0.5, ["Design", "Engineering"]],
      ["Globex", 1, 0, []],
    ]);
  });
});
