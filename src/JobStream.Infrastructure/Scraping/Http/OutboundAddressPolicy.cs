using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// SSRF protection: decides which resolved addresses and ports a user-supplied site may reach, and
/// dials them. It is applied at connect time, after resolving the name once, so every connection
/// (each redirect hop of the HTTP client, every request of the browser through
/// <see cref="Rendering.BrowserProxy"/>) is checked against the address actually dialled; a host name
/// that resolves to a private address is refused, and nothing resolves it a second time.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private static readonly int[] DefaultPorts = [80, 443];
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly HttpScraperOptions _options;
    private readonly IHostAddressResolver _resolver;

    public OutboundAddressPolicy(IOptions<HttpScraperOptions> options, IHostAddressResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _resolver = resolver;
        _allowed = _options.AllowedNetworks.Select(ParseNetwork).ToList();
    }

    /// <summary>80 and 443, or the configured ports, or any with <see cref="HttpScraperOptions.AllowAnyPort"/>.</summary>
    public bool IsAllowedPort(int port) =>
        _options.AllowAnyPort || (_options.AllowedPorts.Count > 0 ? _options.AllowedPorts.Contains(port) : DefaultPorts.Contains(port));

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
        ArgumentNullException.ThrowIfNull(context);
        var socket = await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Resolves <paramref name="host"/> once and connects to one of its allowed addresses.
    /// </summary>
    /// <exception cref="BlockedAddressException">The port, or every address, is not allowed.</exception>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!IsAllowedPort(port))
        {
            throw BlockedAddressException.PortNotAllowed(host, port);
        }
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolver.ResolveAsync(host, cancellationToken);
        var permitted = addresses.Where(IsAllowed).ToArray();
        if (permitted.Length == 0)
        {
            throw BlockedAddressException.NotPublicAddress(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, cancellationToken);
            return socket;
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
        IPNetwork.Parse("::/96"),            // unspecified, loopback, IPv4-compatible (embeds IPv4)
        IPNetwork.Parse("::ffff:0:0:0/96"),  // IPv4-translated (embeds IPv4)
        IPNetwork.Parse("64:ff9b::/96"),     // NAT64 (embeds IPv4)
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001::/32"),        // Teredo (embeds IPv4)
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("2002::/16"),        // 6to4 (embeds IPv4)
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated, still routed privately)
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static bool IsPublic(IPAddress address) => !NonPublic.Any(network => network.Contains(address));
}
