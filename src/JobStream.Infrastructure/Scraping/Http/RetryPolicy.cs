using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// When a site says "try again": 429, 502, 503 and 504 are retried up to
/// <see cref="HttpScraperOptions.MaxRetries"/> times, after the Retry-After the site gave or an
/// exponential backoff from 250 ms. A Retry-After longer than
/// <see cref="HttpScraperOptions.MaxRetryAfterSeconds"/> is not waited for: the answer stands.
/// Connection failures are not retried (a blocked address never will be allowed). With MaxRetries 0
/// the client has no retry handler at all.
/// </summary>
public static class RetryPolicy
{
    public static HttpRetryStrategyOptions For(HttpScraperOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        return new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(250),
            UseJitter = false,
            ShouldRetryAfterHeader = true,
            MaxDelay = cap,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && ShouldRetry(response, cap, clock)),
        };
    }

    private static bool ShouldRetry(HttpResponseMessage response, TimeSpan cap, TimeProvider clock) =>
        IsTransient(response.StatusCode) && (RetryAfter(response, clock) is not { } told || told <= cap);

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status is 429 or 502 or 503 or 504;

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };
}
