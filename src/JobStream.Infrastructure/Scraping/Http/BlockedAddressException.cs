using System.Net;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>A site resolved only to addresses the scraper may not reach (see <see cref="OutboundAddressPolicy"/>).</summary>
public sealed class BlockedAddressException(string host, IReadOnlyCollection<IPAddress> addresses)
    : IOException($"{host} resolves to an address that may not be fetched ({(addresses.Count == 0 ? "none" : string.Join(", ", addresses))})")
{
    public string Host { get; } = host;
}
