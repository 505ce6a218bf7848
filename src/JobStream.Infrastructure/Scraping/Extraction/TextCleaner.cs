using System.Net;
using System.Text.RegularExpressions;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>Turns the HTML-laden, entity-encoded text of job sources into plain single-line text.</summary>
public static partial class TextCleaner
{
    public const int SummaryLength = 300;

    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Decode twice: ATS APIs double-escape HTML ("&lt;p&gt;"), and decoding plain text is harmless.
        var decoded = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        var withoutTags = Tags().Replace(decoded, " ");
        var collapsed = Whitespace().Replace(WebUtility.HtmlDecode(withoutTags), " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    public static string? Summarize(string? html)
    {
        var text = Clean(html);
        if (text is null || text.Length <= SummaryLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', SummaryLength);
        return string.Concat(text.AsSpan(0, cut > SummaryLength / 2 ? cut : SummaryLength), "…");
    }

    [GeneratedRegex(@"<[^>]*>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Tags();

    // \p{C} covers control and format characters (and stray surrogates), which never belong in a title.
    [GeneratedRegex(@"[\s\p{Cc}\p{Cf}\u00a0]+")]
    private static partial Regex Whitespace();
}
