using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// SSRF protection: decides which resolved addresses a user-supplied site may reach. It is applied at
/// connect time, after DNS resolution, so every connection, including each redirect hop, is checked
/// against the address actually dialled; a host name that resolves to a private address is refused.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public OutboundAddressPolicy(IOptions<HttpScraperOptions> options)
    {
        _allowed = options.Value.AllowedNetworks.Select(ParseNetwork).ToList();
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return _allowed.Any(network => network.Contains(address)) || IsPublic(address);
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that dials only allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var permitted = addresses.Where(IsAllowed).ToList();
        if (permitted.Count == 0)
        {
            throw new BlockedAddressException(host, addresses);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPNetwork ParseNetwork(string text) =>
        text.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(text)
            : new IPNetwork(IPAddress.Parse(text), IPAddress.Parse(text).AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this" network
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.88.99.0/24"),   // 6to4 relay
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("64:ff9b::/96"),     // NAT64 (embeds IPv4)
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("2002::/16"),        // 6to4 (embeds IPv4)
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static bool IsPublic(IPAddress address) => !NonPublic.Any(network => network.Contains(address));
}
