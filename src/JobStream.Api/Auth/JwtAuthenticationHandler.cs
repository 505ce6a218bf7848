using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobStream.Api.Auth;

/// <summary>
/// Authenticates HS256 JWTs from the Authorization header, the <c>token</c> query parameter
/// (EventSource cannot send headers) or a cookie. A query-string token was moved out of the URL by
/// <see cref="QueryTokenRedaction"/> before anything could log it.
/// </summary>
public sealed class JwtAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptions<AuthOptions> authOptions,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Jwt";
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };
    private readonly AuthOptions _auth = authOptions.Value;

    public static TokenValidationParameters ValidationParameters(AuthOptions options) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.JwtSecret!)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuerSigningKey = true,
        ValidateIssuer = options.Issuer is not null,
        ValidIssuer = options.Issuer,
        ValidateAudience = options.Audience is not null,
        ValidAudience = options.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
    };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = FindToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var result = await Tokens.ValidateTokenAsync(token, ValidationParameters(_auth));
        if (!result.IsValid)
        {
            var reason = result.Exception switch
            {
                SecurityTokenExpiredException => "The token has expired.",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
                SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
                _ => "The token is not valid.",
            };
            Context.Items[nameof(JwtAuthenticationHandler)] = reason;
            return AuthenticateResult.Fail(reason);
        }
        var identity = result.ClaimsIdentity;
        if (string.IsNullOrEmpty(identity.Name))
        {
            Context.Items[nameof(JwtAuthenticationHandler)] = "The token has no subject (sub).";
            return AuthenticateResult.Fail("no subject");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required.",
            Context.Items[nameof(JwtAuthenticationHandler)] as string
            ?? "Send a JWT as ?token=, an Authorization: Bearer header or the access_token cookie.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden.", "This token may not access this resource.");

    private string? FindToken()
    {
        string? header = Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        return QueryTokenRedaction.TakenToken(Context)
               ?? (Request.Cookies.TryGetValue(_auth.CookieName, out var cookie) ? cookie : null);
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
