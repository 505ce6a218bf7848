using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Auth;

/// <summary>
/// The authorization policies beyond "a valid token": operator endpoints need the admin role outside
/// Development, and scraping needs a token only when <see cref="AuthOptions.RequireTokenForScraping"/> says so.
/// </summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Scraping = "scraping";
    public const string AdminRole = "admin";

    /// <summary>
    /// Whether the caller passes the admin policy. Where the policy turns anonymous callers away (outside
    /// Development) an anonymous caller is answered without running it: its failure messages alone cost
    /// each anonymous /events client a kilobyte and a half (bench/run.sh heap).
    /// </summary>
    public static async Task<bool> IsAdminAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var policy = http.RequestServices.GetRequiredService<IOptions<AuthorizationOptions>>().Value.GetPolicy(Admin)
            ?? throw new InvalidOperationException($"The {Admin} policy is not registered");
        var user = http.AuthenticatedUser();
        if (user is null && TurnsAwayAnonymous(policy))
        {
            return false;
        }
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(user ?? http.User, policy)).Succeeded;
    }

    private static bool TurnsAwayAnonymous(AuthorizationPolicy policy)
    {
        for (var i = 0; i < policy.Requirements.Count; i++)
        {
            if (policy.Requirements[i] is DenyAnonymousAuthorizationRequirement)
            {
                return true;
            }
        }
        return false;
    }

    public static void Add(AuthorizationOptions authorization, AuthOptions auth, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(auth);
        authorization.AddPolicy(Admin, policy =>
        {
            if (isDevelopment)
            {
                policy.RequireAssertion(_ => true); // trying the service locally needs no admin token
            }
            else
            {
                policy.RequireAuthenticatedUser().RequireRole(AdminRole);
            }
        });
        authorization.AddPolicy(Scraping, policy =>
        {
            if (auth.RequireTokenForScraping)
            {
                policy.RequireAuthenticatedUser();
            }
            else
            {
                policy.RequireAssertion(_ => true);
            }
        });
    }
}
