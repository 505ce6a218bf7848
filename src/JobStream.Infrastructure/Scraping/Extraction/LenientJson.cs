using System.Text;
using System.Text.Json;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Parses JSON as real pages emit it in JSON-LD blocks: CDATA wrappers, HTML comment wrappers,
/// JavaScript comments, trailing commas, raw control characters inside strings and invalid escapes.
/// </summary>
public static class LenientJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static JsonDocument? TryParse(string text)
    {
        var trimmed = Unwrap(text);
        if (trimmed.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(trimmed, Options);
        }
        catch (JsonException)
        {
        }
        try
        {
            return JsonDocument.Parse(RepairStrings(trimmed), Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Unwrap(string text)
    {
        var s = text.Trim();
        foreach (var (open, close) in new[] { ("<![CDATA[", "]]>"), ("<!--", "-->"), ("//<![CDATA[", "//]]>") })
        {
            if (s.StartsWith(open, StringComparison.Ordinal))
            {
                s = s[open.Length..];
                var end = s.LastIndexOf(close, StringComparison.Ordinal);
                if (end >= 0)
                {
                    s = s[..end];
                }
                s = s.Trim();
            }
        }
        return s.TrimEnd(';').Trim();
    }

    // Inside string literals: escape raw control characters and double the backslash of escapes JSON
    // does not know. Outside them nothing changes, so comments are still skipped by the parser and
    // string content that looks like a comment is kept.
    private static string RepairStrings(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inString)
            {
                if (c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
                {
                    var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    var stop = end < 0 ? text.Length : (text[i + 1] == '/' ? end : end + 2);
                    output.Append(text, i, stop - i);
                    i = stop - 1;
                    continue;
                }
                inString = c == '"';
                output.Append(c);
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = false;
                    output.Append(c);
                    break;
                case '\\' when i + 1 < text.Length:
                    var next = text[i + 1];
                    if ("\"\\/bfnrtu".Contains(next, StringComparison.Ordinal))
                    {
                        output.Append(c).Append(next);
                    }
                    else
                    {
                        output.Append(@"\\").Append(next == '"' ? "\\\"" : next.ToString());
                    }
                    i++;
                    break;
                case '\n':
                    output.Append(@"\n");
                    break;
                case '\r':
                    output.Append(@"\r");
                    break;
                case '\t':
                    output.Append(@"\t");
                    break;
                case < ' ':
                    output.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
        return output.ToString();
    }
}
