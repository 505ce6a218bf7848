using JobStream.Domain.Jobs;

namespace JobStream.TestServers;

/// <summary>A corpus site and the jobs a person browsing it would list, with their classified fields.</summary>
public sealed record LabelledSite(FixtureSite Site, IReadOnlyList<ExpectedJob> Jobs);

/// <summary>
/// One job as a person would record it: title, URL (a path on the site, an absolute URL, or "ats:" and a
/// path on the stand-in ATS), and fields. <paramref name="Department"/> and <paramref name="Location"/>
/// are what the job's pages show (places joined by "; "), null where they show none;
/// <paramref name="EmploymentType"/> is null where neither the pages nor the title say;
/// <paramref name="Seniority"/> is the level the title says.
/// </summary>
public sealed record ExpectedJob(
    string Title, string Url, LocationType LocationType, string? Department, string? EmploymentType,
    string? Location = null, string Seniority = "mid");
