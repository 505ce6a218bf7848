using JobStream.Api.Errors;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace JobStream.Api.Limits;

/// <summary>
/// ASP.NET Core's rate limiter over the endpoints marked <see cref="StartsScrapingAttribute"/>, per
/// client (the token's subject, else the remote address): a token bucket of scrape starts (429 with
/// the bucket's Retry-After) chained with a cap on concurrent scrapes (503 with a fixed Retry-After).
/// Other endpoints are not limited here.
/// </summary>
public static class ScrapeRateLimiter
{
    public static void Configure(RateLimiterOptions limiter, LimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(limits);
        var starts = PartitionedRateLimiter.Create<HttpContext, string>(http => Marker(http) is null
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(ClientIdentity.Of(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.ScrapeStartsPerMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.ScrapeStartsPerMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        var running = PartitionedRateLimiter.Create<HttpContext, string>(http => Marker(http) is not { HoldsConnection: true }
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetConcurrencyLimiter(ClientIdentity.Of(http), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConcurrentScrapesPerClient,
                QueueLimit = 0,
            }));
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(starts, running);
        limiter.OnRejected = (context, cancellationToken) =>
        {
            // The token bucket says when a start is possible again; a full concurrency cap does not.
            var (status, retryAfter, detail) = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? (StatusCodes.Status429TooManyRequests, wait, $"At most {limits.ScrapeStartsPerMinute} scrapes a minute per client.")
                : (StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(limits.RetryAfterSeconds), $"At most {limits.ConcurrentScrapesPerClient} scrapes at once per client.");
            return new ValueTask(ProblemResponses.WriteTryLaterAsync(context.HttpContext, status, retryAfter, detail));
        };
    }

    private static StartsScrapingAttribute? Marker(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<StartsScrapingAttribute>();
}
