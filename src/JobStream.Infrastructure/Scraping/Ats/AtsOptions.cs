namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// The public job-board API of each ATS, as a URL template with "{token}", bound from "Scraping:Ats".
/// Tests point them at loopback.
/// </summary>
public sealed class AtsOptions
{
    public const string SectionName = "Scraping:Ats";

    public string Greenhouse { get; set; } = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true";
    public string Lever { get; set; } = "https://api.lever.co/v0/postings/{token}?mode=json";

    /// <summary>Greenhouse's EU region (boards on boards.eu.greenhouse.io).</summary>
    public string GreenhouseEu { get; set; } = "https://boards-api.eu.greenhouse.io/v1/boards/{token}/jobs?content=true";

    /// <summary>Lever's EU region (boards on jobs.eu.lever.co).</summary>
    public string LeverEu { get; set; } = "https://api.eu.lever.co/v0/postings/{token}?mode=json";

    /// <summary>A board is read to its end, up to this many jobs (Workday answers 20 at a time).</summary>
    [System.ComponentModel.DataAnnotations.Range(20, 100_000)]
    public int MaxJobsPerBoard { get; set; } = 2000;
    public string Ashby { get; set; } = "https://api.ashbyhq.com/posting-api/job-board/{token}?includeCompensation=false";
    public string Workable { get; set; } = "https://apply.workable.com/api/v1/widget/accounts/{token}";
    public string SmartRecruiters { get; set; } = "https://api.smartrecruiters.com/v1/companies/{token}/postings?limit=100";
    public string Recruitee { get; set; } = "https://{token}.recruitee.com/api/offers/";

    /// <summary>Teamtailor's JSON Feed of a company's jobs (each item carries its JobPosting).</summary>
    public string Teamtailor { get; set; } = "https://{token}.teamtailor.com/jobs.json";

    public string Pinpoint { get; set; } = "https://{token}.pinpointhq.com/postings.json";

    public string BambooHr { get; set; } = "https://{token}.bamboohr.com/careers/list";

    /// <summary>Personio's XML feed of a company's open positions.</summary>
    public string Personio { get; set; } = "https://{token}.jobs.personio.de/xml";

    /// <summary>Workday's CXS search API; its token is "tenant/wdN/site", filling {tenant}, {wd} and {site}.</summary>
    public string Workday { get; set; } = "https://{tenant}.{wd}.myworkdayjobs.com/wday/cxs/{tenant}/{site}/jobs";

    /// <summary>The same API for boards on the shared myworkdaysite.com host.</summary>
    public string WorkdaySite { get; set; } = "https://{wd}.myworkdaysite.com/wday/cxs/{tenant}/{site}/jobs";

    /// <summary>Each template an absolute http(s) URL with a place for the board (checked at start).</summary>
    public bool AreValid() =>
        new[] { Greenhouse, Lever, GreenhouseEu, LeverEu, Ashby, Workable, SmartRecruiters, Recruitee, Teamtailor, Pinpoint, BambooHr, Personio }.All(t => IsTemplate(t, "{token}"))
        && IsTemplate(Workday, "{tenant}") && IsTemplate(WorkdaySite, "{tenant}");

    private static bool IsTemplate(string template, string placeholder) =>
        template is not null
        && template.Contains(placeholder, StringComparison.Ordinal)
        && Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var url)
        && url.Scheme is "http" or "https";

    public Uri ApiUrl(AtsBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var template = board.Kind switch
        {
            AtsKind.Greenhouse => board.Eu ? GreenhouseEu : Greenhouse,
            AtsKind.Lever => board.Eu ? LeverEu : Lever,
            AtsKind.Ashby => Ashby,
            AtsKind.Workable => Workable,
            AtsKind.SmartRecruiters => SmartRecruiters,
            AtsKind.Workday => Workday,
            AtsKind.WorkdaySite => WorkdaySite,
            AtsKind.Teamtailor => Teamtailor,
            AtsKind.Pinpoint => Pinpoint,
            AtsKind.BambooHr => BambooHr,
            AtsKind.Personio => Personio,
            _ => Recruitee,
        };
        if (board.Kind is AtsKind.Workday or AtsKind.WorkdaySite && board.Token.Split('/') is [var tenant, var wd, var site])
        {
            template = template.Replace("{tenant}", tenant, StringComparison.Ordinal)
                .Replace("{wd}", wd, StringComparison.Ordinal)
                .Replace("{site}", site, StringComparison.Ordinal);
        }
        return new Uri(template.Replace("{token}", Uri.EscapeDataString(board.Token), StringComparison.Ordinal));
    }
}
