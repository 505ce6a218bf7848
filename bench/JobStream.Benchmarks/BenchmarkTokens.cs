using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobStream.Benchmarks;

/// <summary>The secret the benchmark starts the API with, and tokens signed with it.</summary>
internal static class BenchmarkTokens
{
    public const string Secret = "benchmark-secret-benchmark-secret-benchmark";

    public static string For(string user) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", user)]),
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
    });
}
