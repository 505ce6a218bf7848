using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Phenom career sites, on the company's own domain under a locale path (/global/en, /us/en), known by
/// the <c>phApp.ddo</c> data their pages hold. Their search-results page holds a page of jobs in
/// phApp.ddo (eagerLoadRefineSearch: jobs, hits, totalHits), read without running it; further pages
/// follow with from=… Each job's page is {site}/job/{jobId}/{title}.
/// </summary>
public sealed partial class PhenomProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IEnumerable<AtsBoard> FindOnPage(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (document.QuerySelectorAll("script:not([src])").Any(script => script.TextContent.Contains("phApp.ddo", StringComparison.Ordinal)))
        {
            var locale = LocalePath().Match(pageUrl.AbsolutePath);
            yield return new AtsBoard(this, pageUrl.GetLeftPart(UriPartial.Authority) + (locale.Success ? locale.Value.TrimEnd('/') : ""));
        }
    }

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(new Uri($"{board.Token}/search-results?from=0&s=1"));

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        var search = Search(answer);
        var count = Items(Child(search, "data"), "jobs").Count();
        var from = int.TryParse(System.Web.HttpUtility.ParseQueryString(current.Url.Query)["from"], CultureInfo.InvariantCulture, out var f) ? f : 0;
        return count == 0 || Number(search, "totalHits") is not { } total || from + count >= total ? null : current.NextPage("from", from + count);
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(Child(Search(answer), "data"), "jobs").Select(job => Candidate(
            Text(job, "title"),
            (Text(job, "jobId") ?? Text(job, "jobSeqNo")) is { } id && Text(job, "title") is { } title
                ? $"{board.Token}/job/{Uri.EscapeDataString(id)}/{Slug(title)}"
                : null,
            answer.Url,
            summary: Text(job, "descriptionTeaser"),
            location: Places(Items(Child(job, "multi_location")).Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()).Prepend(Text(job, "location") ?? Text(job, "cityStateCountry") ?? Text(job, "city"))),
            department: Text(job, "department") ?? Text(job, "category"),
            employment: [Text(job, "type")],
            postedAt: Date(Text(job, "postedDate")),
            id: Text(job, "jobId") ?? Text(job, "jobSeqNo"))).OfType<JobCandidate>();

    private static JsonElement Search(AtsAnswer answer) => Child(answer.ScriptValue("ddo"), "eagerLoadRefineSearch");

    private static string Slug(string title) => NotWord().Replace(title, "-").Trim('-');

    // /global/en/…, /us/en/…, /en-us/… : the locale the site's paths begin with.
    [GeneratedRegex(@"^/(?:[a-z]{2,6}/[a-z]{2}|[a-z]{2}-[a-z]{2})(?:/|$)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LocalePath();

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.NonBacktracking)]
    private static partial Regex NotWord();
}
