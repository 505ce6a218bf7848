using AngleSharp.Dom;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Recognises a company's ATS boards from a URL (the site itself may be the board) or from what a
/// careers page shows: links, iframes, script sources, board URLs written inside scripts, and the marks
/// each provider knows (<see cref="AtsProvider.FindOnPage"/>).
/// </summary>
public static class AtsDetector
{
    public static IReadOnlyList<AtsBoard> Detect(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return AtsProviders.All.SelectMany(p => p.Find(url.AbsoluteUri)).Distinct().ToList();
    }

    public static IReadOnlyList<AtsBoard> Detect(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var sources = document.QuerySelectorAll("a[href], iframe[src], script[src], link[href], [data-url], [data-src]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("data-url"), e.GetAttribute("data-src") })
            .OfType<string>()
            .Concat(document.QuerySelectorAll("script:not([src])").Select(s => s.TextContent))
            .ToList();
        return AtsProviders.All
            .SelectMany(p => sources.SelectMany(p.Find).Concat(p.FindOnPage(document, pageUrl)))
            .Distinct()
            .ToList();
    }
}
