using System.Net.Sockets;
using System.Text;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.Infrastructure.Scraping.Rendering;
using JobStream.TestServers;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Rendering;

// The browser's proxy as another local process would try it: it serves only the browser it was started for.
public sealed class BrowserProxyTests
{
    [Test]
    public async Task A_request_without_the_proxys_credentials_is_refused_and_reaches_no_site()
    {
        var site = Corpus.JsonLd("behind-the-proxy");
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost();
        await using var proxy = BrowserProxy.Start(host.Get<OutboundAddressPolicy>(), NullLogger.Instance);

        var answer = await AskAsync(proxy, $"GET {site.Url}careers HTTP/1.1\r\nHost: {site.Url.Authority}\r\n\r\n");
        var guessed = await AskAsync(proxy, $"GET {site.Url}careers HTTP/1.1\r\nHost: {site.Url.Authority}\r\nProxy-Authorization: Basic {Convert.ToBase64String(Encoding.ASCII.GetBytes("jobstream:guess"))}\r\n\r\n");
        var given = await AskAsync(proxy, $"GET {site.Url}careers HTTP/1.1\r\nHost: {site.Url.Authority}\r\nProxy-Authorization: Basic {Convert.ToBase64String(Encoding.ASCII.GetBytes($"{BrowserProxy.UserName}:{proxy.Password}"))}\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 407").And.Contain("Proxy-Authenticate: Basic"));
        Assert.That(guessed, Does.StartWith("HTTP/1.1 407"));
        Assert.That(given, Does.StartWith("HTTP/1.1 200"), "the browser's own credentials pass");
        Assert.That(site.Requests.Count(path => path == "/careers"), Is.EqualTo(1), "only the request with the credentials reached the site");
    }

    [Test]
    public async Task A_connection_that_sends_nothing_is_closed_after_the_idle_time()
    {
        await using var host = new ScraperHost();
        await using var proxy = BrowserProxy.Start(host.Get<OutboundAddressPolicy>(), NullLogger.Instance, TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Address.Host, proxy.Address.Port);

        var read = await client.GetStream().ReadAsync(new byte[64]).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(read, Is.Zero, "the proxy closed the connection without a word");
    }

    private static async Task<string> AskAsync(BrowserProxy proxy, string head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Address.Host, proxy.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
