using JobStream.Domain.Jobs;

namespace JobStream.TestServers;

/// <summary>A corpus site and the jobs a person browsing it would list, with their classified fields.</summary>
public sealed record LabelledSite(FixtureSite Site, IReadOnlyList<ExpectedJob> Jobs);

/// <summary>One job as a person would record it: title, path on the site (or absolute URL), and fields.</summary>
public sealed record ExpectedJob(string Title, string Url, LocationType LocationType, string Department, string EmploymentType);
