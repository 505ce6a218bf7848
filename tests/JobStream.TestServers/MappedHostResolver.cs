using System.Net;
using JobStream.Infrastructure.Scraping.Http;

namespace JobStream.TestServers;

/// <summary>Names the test maps resolve to its addresses (a DNS record pointing anywhere); others resolve as usual.</summary>
public sealed class MappedHostResolver(IReadOnlyDictionary<string, IPAddress> hosts) : IHostAddressResolver
{
    private readonly DnsHostAddressResolver _dns = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        hosts.TryGetValue(host, out var address) ? Task.FromResult(new[] { address }) : _dns.ResolveAsync(host, cancellationToken);
}
