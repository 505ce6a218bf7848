using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Recognises a company's ATS board from a URL (the site itself may be the board) or from what a
/// careers page embeds: links, iframes, script sources, and board URLs written inside scripts.
/// </summary>
public static partial class AtsDetector
{
    private static readonly (AtsKind Kind, Regex Pattern)[] Patterns =
    [
        (AtsKind.Greenhouse, GreenhouseUrl()),
        (AtsKind.Lever, LeverUrl()),
        (AtsKind.Ashby, AshbyUrl()),
        (AtsKind.Workable, WorkableUrl()),
        (AtsKind.SmartRecruiters, SmartRecruitersUrl()),
        (AtsKind.Recruitee, RecruiteeUrl()),
        (AtsKind.Workday, WorkdayUrl()),
        (AtsKind.WorkdaySite, WorkdaySiteUrl()),
        (AtsKind.Teamtailor, TeamtailorUrl()),
        (AtsKind.Pinpoint, PinpointUrl()),
        (AtsKind.BambooHr, BambooHrUrl()),
        (AtsKind.Personio, PersonioUrl()),
    ];

    private static readonly HashSet<string> NotTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "embed", "j", "api", "v0", "v1", "posting-api", "job-board", "job_board", "js", "jobs", "www", "app", "apply", "careers", "static", "assets",
    };

    public static IReadOnlyList<AtsBoard> Detect(Uri url) => Scan(url.AbsoluteUri).Distinct().ToList();

    public static IReadOnlyList<AtsBoard> Detect(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sources = document.QuerySelectorAll("a[href], iframe[src], script[src], link[href], [data-url], [data-src]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("data-url"), e.GetAttribute("data-src") })
            .OfType<string>()
            .Concat(document.QuerySelectorAll("script:not([src])").Select(s => s.TextContent));
        return sources.SelectMany(Scan).Distinct().ToList();
    }

    private static IEnumerable<AtsBoard> Scan(string text)
    {
        foreach (var (kind, pattern) in Patterns)
        {
            foreach (Match match in pattern.Matches(text))
            {
                var workday = kind is AtsKind.Workday or AtsKind.WorkdaySite;
                var token = workday
                    ? $"{match.Groups["tenant"].Value.ToLowerInvariant()}/{match.Groups["wd"].Value.ToLowerInvariant()}/{match.Groups["site"].Value}"
                    : match.Groups["token"].Value;
                if (workday && match.Groups["site"].Value is "wday" or "")
                {
                    continue;
                }
                if (kind == AtsKind.Ashby)
                {
                    token = Uri.UnescapeDataString(token); // "Acme%20Labs" names the board "Acme Labs": escaped once, when asked
                }
                if (token.Length > 0 && !NotTokens.Contains(token))
                {
                    // Ashby, SmartRecruiters and Workday tell boards apart by case; the others do not.
                    var keepCase = workday || kind is AtsKind.SmartRecruiters or AtsKind.Ashby;
                    var eu = kind is AtsKind.Greenhouse or AtsKind.Lever && match.Value.Contains(".eu.", StringComparison.OrdinalIgnoreCase);
                    yield return new AtsBoard(kind, keepCase ? token : token.ToLowerInvariant(), eu);
                }
            }
        }
    }

    // boards.greenhouse.io/stripe, job-boards.greenhouse.io/stripe/jobs/1, boards.greenhouse.io/embed/job_board?for=stripe,
    // boards.greenhouse.io/embed/job_board/js?for=stripe, boards.greenhouse.io/embed/job_app?for=stripe&token=1,
    // boards-api.greenhouse.io/v1/boards/stripe/jobs
    [GeneratedRegex(@"(?:job-boards|boards)(?:\.eu)?\.greenhouse\.io/(?:embed/(?:job_board(?:/js)?|job_app)\?(?:[^""'\s]*&)?for=)?(?<token>[A-Za-z0-9_-]+)|boards-api\.greenhouse\.io/v1/boards/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex GreenhouseUrl();

    [GeneratedRegex(@"(?:jobs(?:\.eu)?\.lever\.co|api(?:\.eu)?\.lever\.co/v0/postings)/(?<token>[A-Za-z0-9_.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LeverUrl();

    [GeneratedRegex(@"(?:jobs\.ashbyhq\.com|api\.ashbyhq\.com/posting-api/job-board)/(?<token>[A-Za-z0-9_.%-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AshbyUrl();

    [GeneratedRegex(@"apply\.workable\.com/(?:api/v1/widget/accounts/)?(?<token>[A-Za-z0-9_-]+)|(?<token>[A-Za-z0-9-]+)\.workable\.com", RegexOptions.IgnoreCase)]
    private static partial Regex WorkableUrl();

    [GeneratedRegex(@"(?:careers|jobs)\.smartrecruiters\.com/(?<token>[A-Za-z0-9_-]+)|api\.smartrecruiters\.com/v1/companies/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SmartRecruitersUrl();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.recruitee\.com", RegexOptions.IgnoreCase)]
    private static partial Regex RecruiteeUrl();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.teamtailor\.com", RegexOptions.IgnoreCase)]
    private static partial Regex TeamtailorUrl();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.pinpointhq\.com", RegexOptions.IgnoreCase)]
    private static partial Regex PinpointUrl();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.jobs\.personio\.(?:de|com)", RegexOptions.IgnoreCase)]
    private static partial Regex PersonioUrl();

    // acme.bamboohr.com/careers, acme.bamboohr.com/jobs/: the company's board, not BambooHR's own site.
    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.bamboohr\.com/(?:careers|jobs)", RegexOptions.IgnoreCase)]
    private static partial Regex BambooHrUrl();

    // wd3.myworkdaysite.com/recruiting/acme/External, wd3.myworkdaysite.com/en-US/recruiting/acme/External/job/…
    [GeneratedRegex(@"(?<wd>wd\d{1,3})\.myworkdaysite\.com/(?:[a-z]{2}-[A-Z]{2}/)?recruiting/(?<tenant>[A-Za-z0-9-]+)/(?<site>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex WorkdaySiteUrl();

    // acme.wd5.myworkdayjobs.com/External, acme.wd1.myworkdayjobs.com/en-US/Careers/job/…
    [GeneratedRegex(@"(?<token>(?<tenant>[A-Za-z0-9-]+)\.(?<wd>wd\d{1,3})\.myworkdayjobs\.com/(?:[a-z]{2}-[A-Z]{2}/)?(?<site>[A-Za-z0-9_-]+))", RegexOptions.IgnoreCase)]
    private static partial Regex WorkdayUrl();
}
