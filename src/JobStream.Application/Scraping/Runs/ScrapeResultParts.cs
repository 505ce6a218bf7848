using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// A domain's result cut into events no larger than the hub carries (Hub:MaxPayloadBytes): as it is when
/// it fits, else its jobs spread over parts in their order, each part the same result with some of the
/// jobs and its <see cref="ScrapeResult.Part"/> of <see cref="ScrapeResult.Parts"/>. A job too large
/// for any event on its own is left out, and the first part says so among its warnings (the result is partial).
/// </summary>
public static class ScrapeResultParts
{
    // Room for the part fields and a warning beside the domain, status, warnings and jobs.
    private const int EnvelopeBytes = 1024;

    public static IReadOnlyList<ScrapeResult> Split(ScrapeResult result, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Size(result) <= maxBytes)
        {
            return [result];
        }
        var room = maxBytes - Size(result with { Jobs = [] }) - EnvelopeBytes;
        var parts = new List<List<Job>>();
        var current = new List<Job>();
        var used = 0;
        var leftOut = 0;
        foreach (var job in result.Jobs)
        {
            var size = Size(job) + 1; // and its comma
            if (size > room)
            {
                leftOut++;
                continue;
            }
            if (used + size > room && current.Count > 0)
            {
                parts.Add(current);
                current = [];
                used = 0;
            }
            current.Add(job);
            used += size;
        }
        if (current.Count > 0 || parts.Count == 0)
        {
            parts.Add(current);
        }
        var whole = leftOut == 0 ? result : result.Warn($"{leftOut} job{(leftOut == 1 ? " was" : "s were")} left out: each was larger than one event may be (Hub:MaxPayloadBytes)");
        return parts.Select((jobs, index) => whole with
        {
            Jobs = jobs,
            Part = parts.Count > 1 ? index + 1 : null,
            Parts = parts.Count > 1 ? parts.Count : null,
            Warnings = index == 0 ? whole.Warnings : null,
        }).ToList();
    }

    private static int Size<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options).Length;
}
