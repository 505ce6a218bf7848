using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Domains;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Proposes where a site's careers page may be: its own links first, then the usual paths. "The same
/// site" and "the domain" are the registrable domain by the Public Suffix List: <c>careers.acme.co.uk</c>
/// belongs to <c>acme.co.uk</c>, and <c>careers.co.uk</c> is never guessed for it.
/// </summary>
public sealed partial class CareersPageFinder(PublicSuffixList suffixes)
{
    private static readonly string[] CareersSubdomains = ["careers", "jobs"];
    private static readonly string[] CommonPaths = ["/careers", "/jobs", "/join-us", "/careers/openings", "/about/careers", "/company/careers", "/work-with-us"];

    /// <summary>Careers pages the home page links to: links saying careers/jobs first, then careers-like paths.</summary>
    public IReadOnlyList<Uri> Linked(IDocument? homePage, Uri homeUrl)
    {
        var ranked = new List<(Uri Url, int Rank)>();
        foreach (var link in homePage?.QuerySelectorAll("a[href], link[rel~='careers' i]") ?? Enumerable.Empty<IElement>())
        {
            if (WebLink.Resolve(homeUrl, link.GetAttribute("href")) is not { } url)
            {
                continue;
            }
            var text = link.TextContent.Trim();
            var rank = CareersText().IsMatch(text) ? 0 : IsCareersUrl(url) ? 1 : -1;
            if (rank >= 0 && SameSite(url, homeUrl))
            {
                ranked.Add((new Uri(url.GetLeftPart(UriPartial.Query)), rank));
            }
        }
        return Distinct(ranked.OrderBy(c => c.Rank).Select(c => c.Url), homeUrl);
    }

    /// <summary>
    /// Job boards the home page links to on another site ("View current openings" → the board's own
    /// host): links whose words say openings or careers, never a job network or social site (whose
    /// pages are not this company's board); at most <paramref name="max"/>, tried after the site's own.
    /// </summary>
    public IReadOnlyList<Uri> OffSite(IDocument? homePage, Uri homeUrl, int max = 2)
    {
        var boards = new List<Uri>();
        foreach (var link in homePage?.QuerySelectorAll("a[href]") ?? Enumerable.Empty<IElement>())
        {
            if (WebLink.Resolve(homeUrl, link.GetAttribute("href")) is { } url
                && !SameSite(url, homeUrl)
                && (CareersText().IsMatch(link.TextContent) || OpeningsText().IsMatch(link.TextContent))
                && !(url.HostNameType == UriHostNameType.Dns && NotABoard().IsMatch(suffixes.RegistrableDomain(url.Host))))
            {
                boards.Add(new Uri(url.GetLeftPart(UriPartial.Query)));
            }
        }
        return Distinct(boards, homeUrl).Take(max).ToList();
    }

    /// <summary>Careers pages a sitemap lists.</summary>
    public IReadOnlyList<Uri> FromSitemap(IEnumerable<Uri> locations, Uri homeUrl) =>
        Distinct(locations.Where(url => IsCareersUrl(url) && SameSite(url, homeUrl)).OrderBy(url => url.AbsolutePath.Length), homeUrl);

    /// <summary>Where careers pages usually are: /careers, /jobs, careers.&lt;domain&gt;, jobs.&lt;domain&gt;, then other usual paths.</summary>
    public IReadOnlyList<Uri> UsualPaths(Uri homeUrl)
    {
        var root = new Uri(homeUrl.GetLeftPart(UriPartial.Authority));
        var subdomains = new List<Uri>();
        if (homeUrl.HostNameType == UriHostNameType.Dns && homeUrl.Host.Contains('.', StringComparison.Ordinal))
        {
            var domain = suffixes.RegistrableDomain(homeUrl.Host);
            var port = homeUrl.IsDefaultPort ? "" : $":{homeUrl.Port}";
            subdomains.AddRange(CareersSubdomains
                .Select(label => new Uri($"{homeUrl.Scheme}://{label}.{domain}{port}/"))
                .Where(url => !url.Host.Equals(homeUrl.Host, StringComparison.OrdinalIgnoreCase)));
        }
        var paths = CommonPaths.Select(path => new Uri(root, path)).ToList();
        return Distinct(paths.Take(2).Concat(subdomains).Concat(paths.Skip(2)), homeUrl);
    }

    private static bool IsCareersUrl(Uri url) => CareersPath().IsMatch(url.AbsolutePath) || CareersHost().IsMatch(url.Host);

    private static List<Uri> Distinct(IEnumerable<Uri> urls, Uri homeUrl) =>
        urls.Where(url => url.AbsoluteUri != homeUrl.AbsoluteUri).DistinctBy(url => url.AbsoluteUri.TrimEnd('/')).ToList();

    // careers.example.com and example.com/jobs are the same company; another company's site is not.
    private bool SameSite(Uri url, Uri homeUrl) => suffixes.SameSite(url, homeUrl);

    /// <summary>
    /// The company a host belongs to, as a name: the registrable domain's first label, capitalised
    /// (<c>careers.acme.co.uk</c> gives "Acme"); an address as it is.
    /// </summary>
    public string CompanyName(Uri url)
    {
        if (url.HostNameType != UriHostNameType.Dns)
        {
            return url.Host;
        }
        var label = suffixes.RegistrableDomain(url.Host).Split('.')[0];
        return label.Length == 0 ? url.Host : char.ToUpperInvariant(label[0]) + label[1..];
    }

    [GeneratedRegex(@"\b(careers?|jobs?|join (us|our team)|open (positions|roles)|we'?re hiring|work (with|at|in|for) (us|our)|vacancies|karriere|stellenangebote|jobs bei|arbeiten bei|emplois?|carri[èe]res?|rejoignez-nous|nos offres|carreras?|empleos?|trabaja con nosotros|[úu]nete|lavora con noi|posizioni aperte|offerte di lavoro|vacatures|werken bij)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CareersText();

    // /careers, /en/jobs, /company/open-roles, /karriere, /carrieres, /empleo, /lavora-con-noi, /vacatures
    [GeneratedRegex(@"^/([a-z]{2}(-[a-z]{2})?/)?([a-z0-9-]+/)?(careers?|jobs|join-us|work-with-us|open-roles|openings|open-positions|vacancies|karriere|stellenangebote|carrieres|emplois|empleos?|trabaja-con-nosotros|lavora-con-noi|vacatures|werken-bij)/?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CareersPath();

    [GeneratedRegex(@"^(careers|jobs)\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CareersHost();

    [GeneratedRegex(@"\b(current|open|all) (job )?(openings|positions|vacancies|roles|jobs)\b|\bsee (our|all) jobs\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OpeningsText();

    // Job networks and social sites: a company's page there is not its board.
    [GeneratedRegex(@"^(linkedin|indeed|glassdoor|xing|stepstone|monster|ziprecruiter|facebook|twitter|x|instagram|youtube|tiktok|welcometothejungle|angel|wellfound|otta|builtin|kununu)\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NotABoard();
}
