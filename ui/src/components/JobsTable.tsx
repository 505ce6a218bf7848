import { useMemo, useState } from "react";
import type { Job } from "../client/events";
import { choices, filterJobs, noFilter, sortJobs, toCsv, type JobFilter, type SortKey } from "../lib/jobs";

const columns: { key: SortKey; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "company", label: "Company" },
  { key: "location", label: "Location" },
  { key: "employment_type", label: "Type" },
  { key: "seniority", label: "Seniority" },
  { key: "department", label: "Department" },
  { key: "score", label: "Score" },
];

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
        <table>
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
                <td><a href={job.url} target="_blank" rel="noreferrer noopener">{job.title}</a></td>
                <td>{job.company}</td>
                <td>{job.location}{job.location_type ? ` (${job.location_type})` : ""}</td>
                <td>{job.employment_type}</td>
                <td>{job.seniority}</td>
                <td>{job.department}</td>
                <td>
                  {job.score}
                  {job.signals?.length ? <small className="signals">{job.signals.join(", ")}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
