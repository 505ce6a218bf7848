using System.Net;
using System.Net.Sockets;
using JobStream.Infrastructure.Scraping.Http;

namespace JobStream.TestServers;

/// <summary>
/// Names the test maps resolve to its addresses (a DNS record pointing anywhere); "localhost" to
/// loopback; any other name is not found, as if it had no DNS record, so that no test reaches past
/// loopback even on a machine with internet (a job link to www.example-ats.com is simply unreachable).
/// </summary>
public sealed class MappedHostResolver(IReadOnlyDictionary<string, IPAddress> hosts) : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (hosts.TryGetValue(host, out var address))
        {
            return Task.FromResult(new[] { address });
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback });
        }
        return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
