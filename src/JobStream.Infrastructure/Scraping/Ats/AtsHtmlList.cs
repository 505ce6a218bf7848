using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>A job link on an ATS's HTML list page, and the row (list item, table row, card) it sits in.</summary>
public sealed record AtsListLink(Uri Url, string Title, IElement? Row)
{
    /// <summary>The text of the first element in the row that matches the selector; null where none does.</summary>
    public string? Field(string selector) => Row?.QuerySelector(selector)?.TextContent is { } text && text.Trim().Length > 0 ? text.Trim() : null;
}

/// <summary>Reads the job links of ATSs whose boards are HTML pages (Jobvite, iCIMS, JazzHR).</summary>
public static class AtsHtmlList
{
    /// <summary>Each link whose absolute URL matches <paramref name="jobUrl"/>, once, with a title and its row.</summary>
    public static IReadOnlyList<AtsListLink> Links(IDocument document, Uri pageUrl, Regex jobUrl, string rowSelector)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(jobUrl);
        var links = new List<AtsListLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (WebLink.Resolve(pageUrl, anchor.GetAttribute("href")) is not { } url || !jobUrl.IsMatch(url.AbsoluteUri))
            {
                continue;
            }
            // The heading inside the link, else its text, else its title attribute ("8214 - Payroll Tax Specialist").
            var title = anchor.QuerySelector("h1, h2, h3, h4, h5")?.TextContent.Trim() is { Length: > 0 } heading ? heading
                : anchor.TextContent.Trim() is { Length: > 0 } text ? text
                : anchor.GetAttribute("title")?.Trim();
            if (string.IsNullOrEmpty(title) || !seen.Add(url.GetLeftPart(UriPartial.Path)))
            {
                continue;
            }
            links.Add(new AtsListLink(url, Regex.Replace(title, @"\s+", " "), anchor.Closest(rowSelector)));
        }
        return links;
    }
}
