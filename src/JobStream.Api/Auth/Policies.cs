using Microsoft.AspNetCore.Authorization;

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
