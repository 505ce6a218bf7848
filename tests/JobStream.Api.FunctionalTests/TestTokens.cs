using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobStream.Api.FunctionalTests;

/// <summary>Tokens as a client's identity provider would sign them, good and bad.</summary>
public static class TestTokens
{
    public const string Secret = "functional-tests-secret-that-is-long-enough-for-hs256";

    public static string For(string subject, TimeSpan? lifetime = null, string secret = Secret, DateTime? now = null)
    {
        var issued = now ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token with the admin role, for the operator endpoints and the scraper's log lines.</summary>
    public static string Admin(string subject = "operator")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", "admin")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string Expired(string subject) => For(subject, TimeSpan.FromMinutes(5), now: DateTime.UtcNow.AddHours(-1));

    public static string WronglySigned(string subject) => For(subject, secret: "another-secret-another-secret-another-secret!");
}
