namespace JobStream.Infrastructure.Redis;

/// <summary>Bound from "Redis"; REDIS_URL (redis://[:password@]host:port) also works.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string ("localhost:6379,password=…"); empty means no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key JobStream writes (channels are fixed by the producer contract).</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z0-9_.:-]{1,64}$")]
    public string KeyPrefix { get; set; } = "jobstream:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>
    /// Turns REDIS_URL's URL forms into a configuration string: <c>redis://[:password@]host:port[/db]</c> for
    /// one server, <c>redis+sentinel://[:password@]host:port,host:port/service</c> for the primary the
    /// Sentinels name (followed through a failover). A configuration string itself, naming a cluster's
    /// nodes ("host:7000,host:7001") or Sentinels ("host:26379,serviceName=mymaster"), passes through.
    /// </summary>
    public static string? FromUrl(string? url)
    {
        if (url is not null && url.StartsWith(SentinelScheme, StringComparison.OrdinalIgnoreCase))
        {
            return FromSentinelUrl(url[SentinelScheme.Length..]);
        }
        if (string.IsNullOrWhiteSpace(url) || !url.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url;
        }
        var configuration = $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}";
        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? uri.UserInfo[..colon] : "";
        var password = colon >= 0 ? uri.UserInfo[(colon + 1)..] : "";
        if (user.Length > 0)
        {
            configuration += $",user={Uri.UnescapeDataString(user)}"; // a Redis 6 ACL user
        }
        if (password.Length > 0)
        {
            configuration += $",password={Uri.UnescapeDataString(password)}";
        }
        var database = uri.AbsolutePath.Trim('/');
        if (int.TryParse(database, out var number))
        {
            configuration += $",defaultDatabase={number}";
        }
        return configuration;
    }

    private const string SentinelScheme = "redis+sentinel://";

    private static string FromSentinelUrl(string rest)
    {
        var at = rest.LastIndexOf('@');
        var password = at >= 0 ? Uri.UnescapeDataString(rest[..at].TrimStart(':')) : "";
        rest = rest[(at + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash >= 0 ? rest[..slash] : rest;
        var service = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..].TrimEnd('/')) : "";
        var configuration = $"{hosts},serviceName={(service.Length > 0 ? service : "mymaster")}";
        return password.Length > 0 ? configuration + $",password={password}" : configuration;
    }
}
