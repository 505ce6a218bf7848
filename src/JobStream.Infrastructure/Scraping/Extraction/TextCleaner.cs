using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Turns the HTML-laden, entity-encoded text of job sources into plain single-line text: tags are
/// stripped first, then entities decoded, so text that only looks like a tag once decoded
/// (<c>Softwareentwickler:in &amp;lt;Go&amp;gt;</c>) stays. Escaped markup (ATS APIs double-escape their
/// HTML, <c>&amp;lt;p&amp;gt;</c>) loses what decodes to a real HTML element's tag, and nothing else.
/// </summary>
public static partial class TextCleaner
{
    public const int SummaryLength = 300;

    /// <summary>A title, a location, a name: text, maybe entity-encoded, maybe with stray HTML elements' tags.</summary>
    public static string? Clean(string? text) => Normalize(text, isHtml: false);

    /// <summary>A description, which is HTML: plain text of at most <see cref="SummaryLength"/> characters.</summary>
    public static string? Summarize(string? html)
    {
        var text = Normalize(html, isHtml: true);
        if (text is null || text.Length <= SummaryLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', SummaryLength);
        return string.Concat(text.AsSpan(0, cut > SummaryLength / 2 ? cut : SummaryLength), "…");
    }

    private static string? Normalize(string? text, bool isHtml)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Tags first (every tag, in HTML), then entities: "&lt;Go&gt;" is text and stays text.
        var decoded = WebUtility.HtmlDecode(isHtml ? WithoutTags(text) : text);
        // Escaped markup, decoded once: only real HTML elements' tags, then a second decode for its
        // entities ("&amp;amp;" in double-escaped HTML).
        var withoutEscapedTags = WebUtility.HtmlDecode(HtmlElementTags().Replace(decoded, " "));
        var collapsed = Whitespace().Replace(withoutEscapedTags, " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    // Every "<…>" becomes a space, in one pass: a "<" with no ">" after it cannot start a tag, and
    // neither can any "<" after it, so the rest is text. (The regex this replaces rescanned the rest
    // of the text from every such "<": quadratic on a description a site filled with them.)
    private static string WithoutTags(string html)
    {
        var open = html.IndexOf('<', StringComparison.Ordinal);
        if (open < 0)
        {
            return html;
        }
        var text = new StringBuilder(html.Length);
        var from = 0;
        for (; open >= 0; open = html.IndexOf('<', from))
        {
            var close = html.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }
            text.Append(html, from, open - from).Append(' ');
            from = close + 1;
        }
        return text.Append(html, from, html.Length - from).ToString();
    }

    [GeneratedRegex(@"<!--.*?-->|</?(a|abbr|b|blockquote|br|caption|center|code|dd|div|dl|dt|em|font|h[1-6]|hr|i|img|li|ol|p|pre|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|u|ul)(\s[^<>]*)?/?>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex HtmlElementTags();

    // \p{C} covers control and format characters (and stray surrogates), which never belong in a title.
    [GeneratedRegex(@"[\s\p{Cc}\p{Cf}\u00a0]+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}
