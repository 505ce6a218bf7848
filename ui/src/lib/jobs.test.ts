import { describe, expect, it } from "vitest";
import type { Job } from "../client/events";
import { choices, filterJobs, isComplete, mergeResult, noFilter, parseDomains, sortJobs, toCsv } from "./jobs";

const job = (overrides: Partial<Job>): Job => ({
  company: "Acme", title: "Engineer", url: "https://acme.test/1", summary: "", location: "Berlin", location_type: "onsite",
  is_contract: false, employment_type: "full_time", seniority: "mid", department: "Engineering", role: "engineering",
  salary: "", score: 50, signals: [], timestamp: "2026-11-01T00:00:00Z", source_page: "https://acme.test/careers", extraction_source: "json_ld",
  ...overrides,
});

describe("jobs", () => {
  const jobs = [
    job({ title: "Senior Backend Engineer", seniority: "senior", location_type: "remote", score: 80 }),
    job({ title: "Designer", department: "Design", score: 40, url: "https://acme.test/2" }),
    job({ title: "Junior Engineer", seniority: "junior", score: 60, url: "https://acme.test/3" }),
  ];

  it("filters by location type, seniority, department and free text", () => {
    expect(filterJobs(jobs, { ...noFilter, locationType: "remote" }).map((j) => j.title)).toEqual(["Senior Backend Engineer"]);
    expect(filterJobs(jobs, { ...noFilter, seniority: "junior" })).toHaveLength(1);
    expect(filterJobs(jobs, { ...noFilter, department: "Design" })).toHaveLength(1);
    expect(filterJobs(jobs, { ...noFilter, text: "ENGINEER" })).toHaveLength(2);
  });

  it("sorts by a column either way", () => {
    expect(sortJobs(jobs, "score", true).map((j) => j.score)).toEqual([80, 60, 40]);
    expect(sortJobs(jobs, "title", false)[0].title).toBe("Designer");
  });

  it("offers each field's values as choices", () => {
    expect(choices(jobs, (j) => j.seniority)).toEqual(["junior", "mid", "senior"]);
  });

  it("writes RFC 4180 CSV, quoting what needs it", () => {
    const csv = toCsv([job({ title: 'Engineer, "Backend" <Go>', signals: ["remote", "senior"] })]);
    expect(csv.split("\r\n")[0]).toBe("title,company,location,location_type,employment_type,salary,seniority,department,score,signals,url");
    expect(csv.split("\r\n")[1]).toBe('"Engineer, ""Backend"" <Go>",Acme,Berlin,onsite,full_time,,mid,Engineering,50,remote; senior,https://acme.test/1');
  });

  it("splits pasted domains on lines and commas", () => {
    expect(parseDomains(" a.com\nb.com, https://c.com/careers\n\na.com ")).toEqual(["a.com", "b.com", "https://c.com/careers"]);
  });

  it("neutralises cells that a spreadsheet would run as formulas", () => {
    const csv = toCsv([job({ title: "=HYPERLINK(\"https://evil.test\",\"Apply\")", location: "@SUM(A1:A9)", department: "+1", company: "-2", seniority: "\tx", score: 5 })]);
    const cells = csv.split("\r\n")[1];
    expect(cells).toBe(`"'=HYPERLINK(""https://evil.test"",""Apply"")",'-2,'@SUM(A1:A9),onsite,full_time,,'\tx,'+1,5,,https://acme.test/1`);
  });

  it("adds up the jobs of a result that came in parts, and knows when the last part is in", () => {
    const first = { domain: "big.test", jobs: [job({ title: "A" })], part: 1, parts: 2, status: "partial" as const, warnings: ["1 job was left out"] };
    const second = { domain: "big.test", status: "success" as const, jobs: [job({ title: "B" })], part: 2, parts: 2 };
    const merged = mergeResult(mergeResult(undefined, first), second);
    expect(merged.jobs.map((j) => j.title)).toEqual(["A", "B"]);
    expect(merged.warnings).toEqual(["1 job was left out"]);
    expect(isComplete(first)).toBe(false);
    expect(isComplete(merged)).toBe(true);
    expect(mergeResult(merged, { domain: "big.test", status: "success", jobs: [] }).jobs).toEqual([]);
  });
});
