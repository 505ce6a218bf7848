using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using JobStream.Api.Errors;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JobStream.Api.Auth;

/// <summary>
/// JobStream's side of the JWT bearer handler: where a token may come from besides the Authorization
/// header (<c>?token=</c> on stream endpoints, the cookie), the subject every token must name, and
/// 401/403 answers as ProblemDetails that say what was wrong with the token.
/// </summary>
public sealed class JwtEvents(IOptions<AuthOptions> options) : JwtBearerEvents
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    private const string FailureKey = "jobstream.auth.failure";

    /// <summary>
    /// Whether the request brings anything a token could be taken from: an Authorization header, a
    /// <c>?token=</c> (<see cref="QueryTokenRedaction"/>) or a cookie. One without any is anonymous, and
    /// authentication has nothing to do for it (<see cref="AuthPipeline"/>).
    /// </summary>
    public static bool MayCarryToken(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Request.Headers;
        return headers.Authorization.Count > 0 || headers.Cookie.Count > 0 || QueryTokenRedaction.TakenToken(http) is not null;
    }

    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            return Task.CompletedTask; // the handler reads the header itself
        }
        var fromQuery = http.GetEndpoint()?.Metadata.GetMetadata<QueryTokenAttribute>() is not null
            ? QueryTokenRedaction.TakenToken(http)
            : null;
        // The cookie only on requests that change nothing (GET, HEAD): a browser sends it with any
        // cross-site POST a page makes, and a request that starts work must show it chose to.
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        context.Token = fromQuery
            ?? (safe && http.Request.Cookies.TryGetValue(options.Value.CookieName, out var cookie) ? cookie : null);
        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subject = context.Principal?.Identity?.Name;
        if (string.IsNullOrEmpty(subject))
        {
            context.HttpContext.Items[FailureKey] = "The token has no subject (sub).";
            context.Fail("no subject");
            return Task.CompletedTask;
        }
        // A stream keeps its principal for as long as it is open: keep the subject and the roles, not
        // the parsed token and every claim it carried (about 2 KB per open stream).
        Claim[] kept = [new(SubjectClaim, subject), .. context.Principal!.FindAll(RoleClaim).Select(role => new Claim(RoleClaim, role.Value))];
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(kept, JwtBearerDefaults.AuthenticationScheme, SubjectClaim, RoleClaim));
        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var detail = context.HttpContext.Items[FailureKey] as string
            ?? Reason(context.AuthenticateFailure)
            ?? "Send a JWT as an Authorization: Bearer header, as ?token= on a stream, or as the access_token cookie.";
        return ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required.", detail);
    }

    public override Task Forbidden(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden.", "This token may not access this resource.");
    }

    private static string? Reason(Exception? failure) => failure switch
    {
        null => null,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        _ => "The token is not valid.",
    };
}
