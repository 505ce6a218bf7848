using System.Text;

namespace JobStream.Api.Auth;

/// <summary>JWT settings, bound from "Auth"; JWT_SECRET (the seeds' name) sets <see cref="JwtSecret"/>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinimumSecretBytes = 32;

    /// <summary>The HS256 signing secret, at least 32 bytes.</summary>
    public string? JwtSecret { get; set; }

    /// <summary>When set, tokens must carry this issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this audience.</summary>
    public string? Audience { get; set; }

    /// <summary>The cookie a browser may carry the token in, for EventSource with credentials.</summary>
    public string CookieName { get; set; } = "access_token";

    /// <summary>Lifetime of tokens from the Development-only token endpoint.</summary>
    public int DevTokenLifetimeMinutes { get; set; } = 60;

    public bool HasValidSecret => JwtSecret is not null && Encoding.UTF8.GetByteCount(JwtSecret) >= MinimumSecretBytes;
}
