using System.Security.Claims;
using JobStream.Application.Streaming.IssueDevToken;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobStream.Api.Auth;

/// <summary>Signs tokens with the service's secret: for the Development token endpoint only.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock) : ITokenIssuer
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + TimeSpan.FromMinutes(auth.DevTokenLifetimeMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(auth.SigningKey(), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
