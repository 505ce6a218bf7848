using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Finds the next page of a paginated job list: <c>rel="next"</c>, a link saying "Next" (in several
/// languages, or ›, »), or the link to the page number after the current one (a <c>?page=</c> style
/// parameter one higher). Only on the same host.
/// </summary>
public static partial class ListPagination
{
    public static Uri? Next(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var candidates = document.QuerySelectorAll("link[rel~='next' i][href], a[rel~='next' i][href]")
            .Concat(document.QuerySelectorAll("a[href]").Where(a => NextText().IsMatch(Label(a))))
            .Select(element => Resolve(element.GetAttribute("href"), pageUrl))
            .OfType<Uri>();
        return candidates.Concat(NumberedNext(document, pageUrl)).FirstOrDefault(url => IsAnotherPageHere(url, pageUrl));
    }

    // The link whose page parameter is one more than this page's (or 2 where this page has none).
    private static IEnumerable<Uri> NumberedNext(IDocument document, Uri pageUrl)
    {
        var current = PageNumber(pageUrl) ?? 1;
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (Resolve(anchor.GetAttribute("href"), pageUrl) is { } url && PageNumber(url) == current + 1)
            {
                yield return url;
            }
        }
    }

    private static int? PageNumber(Uri url)
    {
        var match = PageParameter().Match(url.Query);
        return match.Success && int.TryParse(match.Groups["n"].Value, out var n) ? n : null;
    }

    private static string Label(IElement anchor) =>
        (anchor.GetAttribute("aria-label") ?? anchor.GetAttribute("title") ?? anchor.TextContent).Trim();

    private static Uri? Resolve(string? href, Uri pageUrl) => WebLink.Resolve(pageUrl, href);

    private static bool IsAnotherPageHere(Uri url, Uri pageUrl) =>
        url.Authority.Equals(pageUrl.Authority, StringComparison.OrdinalIgnoreCase)
        && !url.GetLeftPart(UriPartial.Query).Equals(pageUrl.GetLeftPart(UriPartial.Query), StringComparison.Ordinal);

    [GeneratedRegex(@"^(next( page)?|more jobs|load more|›|»|>|>>|weiter|n[äa]chste( seite)?|suivant(e)?( page)?|siguiente|avanti|successiva|volgende)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NextText();

    [GeneratedRegex(@"[?&](page|p|pg|seite|pagina|offset_page|currentPage)=(?<n>\d{1,4})(&|$)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageParameter();
}
