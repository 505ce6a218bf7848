using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Logging;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>
/// The forward proxy every request of the rendering browser goes through (navigations, redirect hops,
/// subresources, fetch and XHR, WebSockets, frames, workers, prefetches): Chromium is launched with it
/// as its proxy and with loopback proxied too, so it resolves no name and dials no address itself. Each
/// request is dialled here by <see cref="OutboundAddressPolicy"/>, which resolves the name once and
/// checks the address it connects to, so a redirect or a rebinding name cannot reach a private network.
/// HTTPS and WebSockets arrive as CONNECT tunnels; plain HTTP as absolute-form requests, each sent
/// upstream on its own connection (<c>Connection: close</c>), so one proxy connection never carries
/// requests to two sites. Only the browser this process launched may use it: every request must carry
/// the proxy's own credentials (a random secret per start, which Playwright gives Chromium), and a
/// connection that carries nothing for <see cref="IdleTimeout"/> is closed.
/// </summary>
public sealed partial class BrowserProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly OutboundAddressPolicy _policy;
    private readonly ILogger _logger;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _accepting;

    private BrowserProxy(OutboundAddressPolicy policy, ILogger logger, TimeSpan idleTimeout)
    {
        _policy = policy;
        _logger = logger;
        IdleTimeout = idleTimeout;
        Password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{UserName}:{Password}"));
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync(_stopping.Token);
    }

    /// <summary>Where Chromium sends its requests.</summary>
    public Uri Address { get; }

    /// <summary>The credentials every request must carry (Basic proxy authorization).</summary>
    public const string UserName = "jobstream";

    public string Password { get; }

    /// <summary>How long a connection may carry nothing either way before it is closed.</summary>
    public TimeSpan IdleTimeout { get; }

    private readonly string _expectedAuthorization;

    /// <summary>How many requests and tunnels the policy refused since the proxy started.</summary>
    public int Refused => _refused;

    private int _refused;
    private int _disposed;

    public static BrowserProxy Start(OutboundAddressPolicy policy, ILogger logger, TimeSpan? idleTimeout = null) =>
        new(policy, logger, idleTimeout ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var connection = ServeAsync(client, stopping);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        client.NoDelay = true;
        await using var browser = new NetworkStream(client, ownsSocket: true);
        try
        {
            (string? Head, ReadOnlyMemory<byte> Body) read;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                idle.CancelAfter(IdleTimeout);
                read = await ReadHeadAsync(browser, idle.Token);
            }
            var (head, rest) = read;
            if (head is null || !Request.TryParse(head, out var request))
            {
                await AnswerAsync(browser, "400 Bad Request", stopping);
                return;
            }
            if (!request.Authorizes(_expectedAuthorization))
            {
                // Chromium asks again with the credentials Playwright gave it; any other local process has none.
                await AnswerAsync(browser, "407 Proxy Authentication Required", stopping, "Proxy-Authenticate: Basic realm=\"jobstream\"\r\n");
                return;
            }
            Socket upstream;
            try
            {
                upstream = await _policy.ConnectAsync(request.Host, request.Port, stopping);
            }
            catch (BlockedAddressException blocked)
            {
                Interlocked.Increment(ref _refused);
                LogRefused(request.Host, request.Port, blocked.Message);
                await AnswerAsync(browser, "403 Forbidden", stopping);
                return;
            }
            catch (SocketException)
            {
                await AnswerAsync(browser, "502 Bad Gateway", stopping);
                return;
            }
            await using var site = new NetworkStream(upstream, ownsSocket: true);
            if (request.IsTunnel)
            {
                await browser.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), stopping);
            }
            else
            {
                await site.WriteAsync(request.OriginHead(), stopping);
            }
            if (rest.Length > 0)
            {
                await site.WriteAsync(rest, stopping);
            }
            await RelayAsync(browser, site, IdleTimeout, stopping);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser or the site went away: the connection ends, as it would without a proxy.
        }
    }

    // Bytes both ways until either side closes, or neither sends anything for the idle time.
    private static async Task RelayAsync(Stream browser, Stream site, TimeSpan idleTimeout, CancellationToken stopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        done.CancelAfter(idleTimeout);
        async Task PumpAsync(Stream from, Stream to)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, done.Token)) > 0)
                {
                    done.CancelAfter(idleTimeout); // something moved: the idle clock starts again
                    await to.WriteAsync(buffer.AsMemory(0, read), done.Token);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        var up = PumpAsync(browser, site);
        var down = PumpAsync(site, browser);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
        await Task.WhenAll(up, down).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task AnswerAsync(Stream browser, string status, CancellationToken stopping, string headers = "") =>
        await browser.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"), stopping);

    // The request head up to its blank line, and whatever of the body came with it.
    private static async Task<(string? Head, ReadOnlyMemory<byte> Body)> ReadHeadAsync(Stream browser, CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            var length = 0;
            while (length < MaxHeadBytes)
            {
                var read = await browser.ReadAsync(buffer.AsMemory(length, MaxHeadBytes - length), stopping);
                if (read == 0)
                {
                    return (null, ReadOnlyMemory<byte>.Empty);
                }
                var searchFrom = Math.Max(0, length - HeadEnd.Length);
                length += read;
                var end = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf(HeadEnd);
                if (end >= 0)
                {
                    var headLength = searchFrom + end + HeadEnd.Length;
                    return (Encoding.Latin1.GetString(buffer, 0, headLength), buffer.AsSpan(headLength, length - headLength).ToArray());
                }
            }
            return (null, ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The browser was kept from connecting to {Host}:{Port}: {Reason}")]
    private partial void LogRefused(string host, int port, string reason);

    /// <summary>A proxy request: CONNECT host:port, or an absolute-form http:// request.</summary>
    private sealed record Request(bool IsTunnel, string Host, int Port, string Method, string Target, string[] Headers)
    {
        private static readonly string[] HopByHop = ["proxy-connection", "proxy-authorization", "connection", "keep-alive"];

        public static bool TryParse(string head, out Request request)
        {
            request = null!;
            var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var parts = lines.Length > 0 ? lines[0].Split(' ') : [];
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                return false;
            }
            var headers = lines[1..];
            if (parts[0] == "CONNECT")
            {
                if (!Uri.TryCreate("tunnel://" + parts[1], UriKind.Absolute, out var authority) || authority.Port <= 0)
                {
                    return false;
                }
                request = new Request(true, authority.IdnHost, authority.Port, parts[0], parts[1], headers);
                return true;
            }
            if (!Uri.TryCreate(parts[1], UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
            {
                return false;
            }
            request = new Request(false, url.IdnHost, url.Port, parts[0], url.PathAndQuery, headers);
            return true;
        }

        /// <summary>The request carries the proxy's credentials, compared in constant time.</summary>
        public bool Authorizes(string expected)
        {
            var given = Headers
                .Where(header => header.Split(':', 2)[0].Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
                .Select(header => header.Split(':', 2) is [_, var value] ? value.Trim() : "")
                .FirstOrDefault() ?? "";
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(expected));
        }

        /// <summary>The head as the site expects it: origin-form target, no hop-by-hop headers, one request per connection.</summary>
        public byte[] OriginHead()
        {
            var head = new StringBuilder($"{Method} {Target} HTTP/1.1\r\n");
            foreach (var header in Headers)
            {
                var name = header.Split(':', 2)[0].Trim();
                if (!HopByHop.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    head.Append(header).Append("\r\n");
                }
            }
            head.Append("Connection: close\r\n\r\n");
            return Encoding.Latin1.GetBytes(head.ToString());
        }
    }
}
