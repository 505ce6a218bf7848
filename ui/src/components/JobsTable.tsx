import { useMemo, useState } from "react";
import type { Job } from "../client/events";
import { choices, filterJobs, noFilter, sortJobs, toCsv, type JobFilter, type SortKey } from "../lib/jobs";

const columns: { key: SortKey; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "company", label: "Company" },
  { key: "location", label: "Location" },
  { key: "location_type", label: "Workplace" },
  { key: "employment_type", label: "Employment" },
  { key: "seniority", label: "Seniority" },
  { key: "department", label: "Department" },
  { key: "score", label: "Score" },
];

/** What the API says as null: the source did not state it. */
const unstated = <span className="unstated" title="not stated by the source">—</span>;

function download(name: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((option) => <option key={option}>{option}</option>)}
      </select>
    </label>
  );
}

/** Every job found, sortable by any column, filterable, and exportable as CSV or JSON. */
export function JobsTable({ jobs }: { jobs: readonly Job[] }) {
  const [filter, setFilter] = useState<JobFilter>(noFilter);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "score", descending: true });
  const shown = useMemo(() => sortJobs(filterJobs(jobs, filter), sort.key, sort.descending), [jobs, filter, sort]);
  const set = (change: Partial<JobFilter>) => setFilter((current) => ({ ...current, ...change }));

  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs ({shown.length} of {jobs.length})</h2>
      <div className="filters">
        <FilterSelect label="Location type" value={filter.locationType} options={choices(jobs, (job) => job.location_type)} onChange={(locationType) => set({ locationType })} />
        <FilterSelect label="Seniority" value={filter.seniority} options={choices(jobs, (job) => job.seniority)} onChange={(seniority) => set({ seniority })} />
        <FilterSelect label="Department" value={filter.department} options={choices(jobs, (job) => job.department)} onChange={(department) => set({ department })} />
        <label>
          Search
          <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <button type="button" onClick={() => download("jobs.csv", "text/csv", toCsv(shown))}>Export CSV</button>
        <button type="button" onClick={() => download("jobs.json", "application/json", JSON.stringify(shown, null, 2))}>Export JSON</button>
      </div>
      <div className="table-scroll">
        {/* Below 600 px each row is a card: every field with its label, the headers a row of sort buttons. */}
        <table className="jobs">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none"}>
                  <button
                    type="button"
                    onClick={() => setSort((current) => ({ key: column.key, descending: current.key === column.key ? !current.descending : column.key === "score" }))}
                  >
                    {column.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((job) => (
              <tr key={`${job.url}|${job.title}`}>
                <td data-label="Title" className="title"><a href={job.url} target="_blank" rel="noreferrer noopener">{job.title}</a></td>
                <td data-label="Company">{job.company}</td>
                <td data-label="Location">{job.location}</td>
                <td data-label="Workplace"><span className={`badge ${job.location_type}`}>{job.location_type}</span></td>
                <td data-label="Employment">{job.employment_type ?? unstated}</td>
                <td data-label="Seniority">{job.seniority}</td>
                <td data-label="Department">{job.department ?? unstated}</td>
                <td data-label="Score">
                  <span>
                    {job.score}
                    {job.signals.length > 0 && <small className="signals">{job.signals.join(", ")}</small>}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
