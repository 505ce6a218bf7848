namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// A link as a page, a feed or an API gives it (relative, padded, any scheme), made absolute against
/// where it was found. Only http(s) links count: <c>javascript:</c>, <c>mailto:</c> and <c>data:</c> are not.
/// </summary>
public static class WebLink
{
    /// <summary>The absolute http(s) address <paramref name="href"/> names from <paramref name="found"/>, or null.</summary>
    public static Uri? Resolve(Uri found, string? href) =>
        !string.IsNullOrWhiteSpace(href) && Uri.TryCreate(found, href.Trim(), out var url) && url.Scheme is "http" or "https" ? url : null;

    /// <summary>The http(s) address <paramref name="text"/> is on its own, or null.</summary>
    public static Uri? Absolute(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
