using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

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

    /// <summary>How far a token's exp and nbf may be off from this server's clock.</summary>
    [Range(0, 600)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Every scraping endpoint needs a token (off by default: scraping is anonymous, as the seeds have it).</summary>
    public bool RequireTokenForScraping { get; set; }

    /// <summary>The cookie a browser may carry the token in, for EventSource with credentials.</summary>
    public string CookieName { get; set; } = "access_token";

    /// <summary>Lifetime of tokens from the Development-only token endpoint.</summary>
    [Range(1, 7 * 24 * 60)]
    public int DevTokenLifetimeMinutes { get; set; } = 60;

    public bool HasValidSecret => JwtSecret is not null && Encoding.UTF8.GetByteCount(JwtSecret) >= MinimumSecretBytes;

    // A method, not a property: options validation reads every property, and would read this one
    // before the secret's own rule had said that it is missing.
    public SymmetricSecurityKey SigningKey() => new(Encoding.UTF8.GetBytes(JwtSecret ?? throw new InvalidOperationException("JWT_SECRET is not set")));

    /// <summary>HS256 only, with this secret; exp required; issuer and audience checked when configured.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        IssuerSigningKey = SigningKey(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuerSigningKey = true,
        ValidateIssuer = Issuer is not null,
        ValidIssuer = Issuer,
        ValidateAudience = Audience is not null,
        ValidAudience = Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(ClockSkewSeconds),
        NameClaimType = JwtEvents.SubjectClaim,
        RoleClaimType = JwtEvents.RoleClaim,
    };
}
