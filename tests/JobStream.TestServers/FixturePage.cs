namespace JobStream.TestServers;

/// <summary>One response of a fixture site.</summary>
public sealed record FixturePage(string Body, string ContentType = "text/html; charset=utf-8", int Status = 200, string? RedirectTo = null)
{
    /// <summary>Written in a body, stands for the site's own root URL (for sitemaps, which hold absolute URLs).</summary>
    public const string SiteRoot = "$SITE$";

    public static FixturePage Html(string body) => new(body);

    public static FixturePage Redirect(string location) => new("", Status: 302, RedirectTo: location);
}
