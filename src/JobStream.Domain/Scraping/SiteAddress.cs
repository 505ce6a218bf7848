using System.Diagnostics.CodeAnalysis;

namespace JobStream.Domain.Scraping;

/// <summary>
/// A company site as a client names it: an http(s) URL or a bare host name ("example.com",
/// "example.com/careers"). Parsing is the one place that decides what counts as a site.
/// </summary>
public sealed class SiteAddress : IEquatable<SiteAddress>
{
    public const int MaxLength = 2048;

    private SiteAddress(Uri uri)
    {
        Uri = uri;
        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        // The scheme's default port is no part of the identity: http://x and https://x are one site.
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        Key = $"{host}{port}{uri.AbsolutePath.TrimEnd('/')}";
    }

    public Uri Uri { get; }

    /// <summary>Identity of the site regardless of scheme, "www.", case or a trailing slash.</summary>
    public string Key { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SiteAddress? site)
    {
        site = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl))
        {
            return false;
        }

        var candidate = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic
            || uri.Host.Length == 0)
        {
            return false;
        }

        if (uri.HostNameType == UriHostNameType.Dns && !IsPlausibleHostName(uri.IdnHost))
        {
            return false;
        }

        site = new SiteAddress(uri);
        return true;
    }

    // A bare word like "careers" is not a site; a public host name has a dot (localhost is the one exception).
    private static bool IsPlausibleHostName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (host.Contains('.') && !host.StartsWith('.') && !host.EndsWith('.') && !host.Contains(".."));

    public bool Equals(SiteAddress? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => Equals(obj as SiteAddress);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Uri.AbsoluteUri;
}
