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

    /// <summary>Turns REDIS_URL's URL form into a configuration string; other forms pass through.</summary>
    public static string? FromUrl(string? url)
    {
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
}
