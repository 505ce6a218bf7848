using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace JobStream.Api.Auth;

/// <summary>Who is calling, asked without making anything for an anonymous caller.</summary>
public static class Callers
{
    /// <summary>
    /// The caller's principal when a token was accepted, else null. <see cref="HttpContext.User"/> would
    /// make an empty principal for an anonymous caller, kept for as long as the request lasts: for an
    /// /events client, as long as it listens.
    /// </summary>
    public static ClaimsPrincipal? AuthenticatedUser(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<IHttpAuthenticationFeature>()?.User is { Identity.IsAuthenticated: true } user ? user : null;
    }
}
