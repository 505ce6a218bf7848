using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// SAP SuccessFactors career sites (Recruiting Marketing, "jobs2web"): on the company's own domain,
/// known by the platform's own stylesheets and scripts (rmkcdn.successfactors.com, /platform/js/j2w/),
/// and read through the RSS feed every such site answers at /services/rss/job/. Each item's title ends
/// with its place in parentheses: "Tooling Specialist (Plattsburgh, NY, US, 12901)".
/// </summary>
public sealed partial class SuccessFactorsProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Xml;

    public override IEnumerable<AtsBoard> FindOnPage(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        // The site's own stylesheets and scripts; a logo hosted there on someone else's page is no sign.
        var platform = document.QuerySelectorAll("link[rel~='stylesheet'][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src"))
            .Any(url => url is not null && PlatformAsset().IsMatch(url));
        if (platform)
        {
            yield return new AtsBoard(this, pageUrl.GetLeftPart(UriPartial.Authority));
        }
    }

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        new(new Uri(new Uri(board.Token), "/services/rss/job/?locale=en_US"));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        foreach (var item in answer.Xml?.Descendants("item") ?? [])
        {
            var title = item.Element("title")?.Value.Trim();
            string? location = null;
            if (title is not null && TrailingPlace().Match(title) is { Success: true } place && !GenderMarker().IsMatch(place.Groups["place"].Value))
            {
                title = title[..place.Index].Trim();
                location = place.Groups["place"].Value;
            }
            if (Candidate(
                    title, item.Element("link")?.Value.Trim(), answer.Url,
                    summary: item.Element("description")?.Value,
                    location: location,
                    postedAt: DateTimeOffset.TryParse(item.Element("pubDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    [GeneratedRegex(@"rmkcdn\.successfactors\.com/|/platform/js/j2w/", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PlatformAsset();

    [GeneratedRegex(@"\s*\((?<place>[^()]+)\)\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex TrailingPlace();

    // "(m/w/d)", "(f/m/x)", "(w/m/d)": part of the title, not a place.
    [GeneratedRegex(@"^\s*[mwfdx]\s*(?:/\s*[mwfdx]\s*)+$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex GenderMarker();
}
