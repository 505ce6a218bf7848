using JobStream.Api.Errors;

namespace JobStream.Api.Security;

/// <summary>
/// Which web pages may start scrapes from their visitors' browsers. A browser sends a cross-site
/// EventSource or form request whatever CORS says, and CORS only keeps the page from reading the
/// answer: the scrape would run and spend the visitor's limits. So a request that starts scraping and
/// carries an Origin other than this service's own and those allowed is refused before it starts.
/// CORS_SCRAPING_ORIGINS or Cors:ScrapingOrigins (comma-separated; "*" for any) sets them; unset, any
/// origin in Development, elsewhere those of CORS_ORIGINS unless that is "*", else none.
/// </summary>
public sealed class ScrapingOrigins(RequestDelegate next, string[] allowed)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || allowed.Contains("*") || IsOwn(http, origin) || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }
        await ProblemResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden.",
            $"Pages from {origin} may not start scrapes here (CORS_SCRAPING_ORIGINS or Cors:ScrapingOrigins).");
    }

    /// <summary>The origins allowed to start scrapes, from the configuration as the class says.</summary>
    public static string[] From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var raw = configuration["CORS_SCRAPING_ORIGINS"] ?? configuration["Cors:ScrapingOrigins"];
        if (raw is not null)
        {
            return raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        if (environment.IsDevelopment())
        {
            return ["*"];
        }
        var general = DependencyInjection.CorsOrigins(configuration);
        return general.Contains("*") ? [] : general;
    }

    private static bool IsOwn(HttpContext http, string origin) =>
        string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
}
