using System.Security.Cryptography;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>A queued scrape. Its events go to the connection, or to every /events client when there is none.</summary>
public sealed record ScrapeJob(string JobId, IReadOnlyList<string> Domains, string? ConnectionId)
{
    public static ScrapeJob New(IReadOnlyList<string> domains, string? connectionId) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), domains, connectionId);
}
