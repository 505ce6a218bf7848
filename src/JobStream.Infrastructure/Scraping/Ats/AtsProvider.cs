using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// One applicant-tracking system, whole: how its boards are named in URLs and pages, the settings that
/// hold its endpoints (<c>Scraping:Ats:&lt;Name&gt;</c> URL templates, so tests point them at loopback), the
/// first request for a board, how its answers page, and how an answer reads as jobs.
/// </summary>
public abstract class AtsProvider
{
    private static readonly HashSet<string> NotTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "embed", "j", "api", "v0", "v1", "v2", "posting-api", "job-board", "job_board", "js", "jobs", "www", "app", "apply", "careers", "static", "assets",
    };

    /// <summary>The system's name, as reports and settings say it: the class's name without "Provider" (GreenhouseProvider: "Greenhouse").</summary>
    public string Name => GetType().Name is var type && type.EndsWith("Provider", StringComparison.Ordinal) ? type[..^"Provider".Length] : type;

    public virtual AtsFormat Format => AtsFormat.Json;

    /// <summary>
    /// Each endpoint setting's name (<c>Scraping:Ats:&lt;name&gt;</c>) and its default URL template; none
    /// for an ATS whose boards are on the company's own domain.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>();

    /// <summary>Boards named by URLs in this text (a page's URL, a link, a script's source or its code).</summary>
    public IEnumerable<AtsBoard> Find(string text)
    {
        foreach (var pattern in Patterns)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (Board(match) is { Token.Length: > 0 } board && !NotTokens.Contains(board.Token))
                {
                    yield return board;
                }
            }
        }
    }

    /// <summary>
    /// Boards a page shows other than by URL: a board on the company's own domain recognised by the
    /// ATS's assets, an embed called with an account number.
    /// </summary>
    public virtual IEnumerable<AtsBoard> FindOnPage(IDocument document, Uri pageUrl) => [];

    public abstract AtsRequest FirstRequest(AtsBoard board, AtsOptions options);

    /// <summary>
    /// Another way to the same board, asked when the first request's answer cannot be had (a feed in
    /// another format where a board turned its JSON off); null where there is none.
    /// </summary>
    public virtual AtsRequest? FallbackRequest(AtsBoard board, AtsOptions options) => null;

    /// <summary>The request for the next page of a paged answer, or null when this answer was the last.</summary>
    public virtual AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options) => null;

    public abstract IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now);

    /// <summary>
    /// The company's name where a board's answer names none and no company page does (the site is the
    /// board itself): its token, or the part of it that names the company.
    /// </summary>
    public virtual string CompanyOf(AtsBoard board) => board.Token;

    /// <summary>The URLs that name its boards; none for an ATS known only by what a page holds (<see cref="FindOnPage"/>).</summary>
    protected virtual IReadOnlyList<Regex> Patterns { get; } = [];

    /// <summary>The board a pattern's match names; null when the match is not a company's board.</summary>
    protected virtual AtsBoard? Board(Match match) => null;

    /// <summary>The endpoint template <paramref name="name"/>: as configured (<c>Scraping:Ats:&lt;name&gt;</c>), else this provider's default.</summary>
    protected string Template(AtsOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Templates.TryGetValue(name, out var configured) ? configured : Templates[name];
    }

    public override string ToString() => Name;

    /// <summary>A template with its placeholders filled, each value escaped once.</summary>
    protected static Uri Fill(string template, params (string Name, string Value)[] values)
    {
        var url = values.Aggregate(template, (text, value) => text.Replace($"{{{value.Name}}}", Uri.EscapeDataString(value.Value), StringComparison.Ordinal));
        return new Uri(url);
    }
}
