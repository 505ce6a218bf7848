using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Auth;

/// <summary>
/// Authentication for the requests that bring a credential, and authorization for the endpoints that
/// ask for it. The framework's two middlewares await the rest of the pipeline, so on any other request
/// they would hold their state (and authentication its bearer handler and results) for as long as the
/// request lasts: for an anonymous /events client, as long as it listens, about half a kilobyte live
/// and two more of garbage each (bench/run.sh heap). On those requests they have nothing to do: a
/// request without a credential stays anonymous, and an endpoint without authorization metadata (with
/// no fallback policy) lets everyone in.
/// </summary>
public static class AuthPipeline
{
    // WebApplication adds both middlewares in front of everything, for every request, unless its own
    // builder's properties say they are in place; a branch's builder has properties of its own.
    private const string AuthenticationSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationSetKey = "__AuthorizationMiddlewareSet";

    public static WebApplication UseAuthenticationAndAuthorization(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(JwtEvents.MayCarryToken, authenticated => authenticated.UseAuthentication());
        var hasFallbackPolicy = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy is not null;
        app.UseWhen(http => hasFallbackPolicy || AsksForAuthorization(http.GetEndpoint()), authorized => authorized.UseAuthorization());
        var properties = ((IApplicationBuilder)app).Properties;
        properties[AuthenticationSetKey] = true;
        properties[AuthorizationSetKey] = true;
        return app;
    }

    // What the authorization middleware reads from an endpoint to build its policy.
    private static bool AsksForAuthorization(Endpoint? endpoint) =>
        endpoint is not null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null);
}
