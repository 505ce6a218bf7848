using System.Net;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Rendering;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Rendering;

// Every way a page can make real Chromium send a request, aimed at an address outside the allow-list
// (127.0.0.2; loopback 127.0.0.1 is allowed for the fixture sites). The forbidden server must see
// nothing and none of its links may come back as jobs; the page's own jobs still do, where it stays.
[NonParallelizable]
public sealed class BrowserOutboundTests
{
    private static readonly string Chromium = new JobStream.Infrastructure.Scraping.Rendering.BrowserOptions().Executable;
    private const string MappedName = "intranet.example";

    private FixtureSiteServer _forbidden = null!;
    private string _secret = null!;

    [OneTimeSetUp]
    public async Task StartForbiddenServer()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        _forbidden = await FixtureSiteServer.StartAsync(
            [new FixtureSite("private")
                .WithPage("/", """<html><body><div id="root"><a href="/jobs/secret-engineer">Secret Engineer</a></div></body></html>""")
                .WithPage("/style.css", new FixturePage("body{}", "text/css"))],
            IPAddress.Parse("127.0.0.2"));
        _secret = _forbidden["private"].Url.AbsoluteUri;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _forbidden.DisposeAsync();

    [SetUp]
    public void Forget() => _forbidden["private"].Requests.Clear();

    [Test]
    public Task A_script_navigation_to_a_redirect_to_the_forbidden_address() =>
        AssertContainedAsync("location = '/r';", navigatesAway: true, ("/r", FixturePage.Redirect(_secret)));

    [Test]
    public Task A_chain_of_three_redirects() =>
        AssertContainedAsync("location = '/r1';", navigatesAway: true,
            ("/r1", FixturePage.Redirect("/r2")), ("/r2", FixturePage.Redirect("/r3")), ("/r3", FixturePage.Redirect(_secret)));

    [Test]
    public Task A_top_level_navigation() =>
        AssertContainedAsync($"location = '{_secret}';", navigatesAway: true);

    [Test]
    public Task An_iframe() =>
        AssertContainedAsync($"const f = document.createElement('iframe'); f.src = '{_secret}'; document.body.appendChild(f);");

    [Test]
    public Task Fetch_and_xhr() =>
        AssertContainedAsync($"fetch('{_secret}').catch(() => {{}}); const x = new XMLHttpRequest(); x.open('GET', '{_secret}?xhr'); x.send();");

    [Test]
    public Task A_websocket() =>
        AssertContainedAsync($"try {{ new WebSocket('{_secret.Replace("http://", "ws://", StringComparison.Ordinal)}ws'); }} catch (e) {{}}");

    [Test]
    public Task An_image_and_a_stylesheet() =>
        AssertContainedAsync($"new Image().src = '{_secret}?img'; const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '{_secret}style.css'; document.head.appendChild(l);");

    [Test]
    public Task A_host_name_that_resolves_to_the_forbidden_address() =>
        AssertContainedAsync($"location = 'http://{MappedName}:{_forbidden["private"].Url.Port}/';", navigatesAway: true);

    [Test]
    public async Task Webrtc_sends_no_udp_to_a_stun_or_turn_server_at_the_forbidden_address()
    {
        using var listener = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var received = listener.ReceiveAsync();
        // Straight from the page, and from a fresh frame's window, where a page would look for the
        // constructor had its own been taken away.
        var script = $$"""
            const frame = document.createElement('iframe');
            document.body.appendChild(frame);
            for (const scope of [window, frame.contentWindow]) {
              for (const urls of ['stun:127.0.0.2:{{port}}', 'turn:127.0.0.2:{{port}}?transport=udp', 'stun:{{MappedName}}:{{port}}']) {
                try {
                  const Peer = scope.RTCPeerConnection || scope.webkitRTCPeerConnection;
                  const peer = new Peer({ iceServers: [{ urls, username: 'u', credential: 'p' }], iceCandidatePoolSize: 4 });
                  peer.createDataChannel('x');
                  peer.createOffer().then(offer => peer.setLocalDescription(offer)).catch(() => {});
                } catch (e) {}
              }
            }
            """;
        await AssertContainedAsync(script);
        await Task.Delay(TimeSpan.FromSeconds(2)); // ICE gathering sends its first binding requests at once; give it time all the same

        Assert.That(received.IsCompleted, Is.False, "a datagram reached 127.0.0.2 from the browser");
    }

    [Test]
    public async Task The_proxy_refused_what_the_page_asked_for_and_the_allowed_page_rendered()
    {
        await using var site = await FixtureSiteServer.StartAsync([Shell("counted", $"fetch('{_secret}').catch(() => {{}});")]);
        await using var host = Host();

        var jobs = (await host.Scraper.ScrapeAsync(site["counted"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Machine Learning Engineer", "Product Designer" }));
        Assert.That(host.Get<BrowserRenderer>().Status.Available, Is.True);
        Assert.That(_forbidden["private"].Requests, Is.Empty);
    }

    private async Task AssertContainedAsync(string script, bool navigatesAway = false, params (string Path, FixturePage Page)[] extra)
    {
        var shell = Shell("attacker", script);
        foreach (var (path, page) in extra)
        {
            shell.WithPage(path, page);
        }
        await using var site = await FixtureSiteServer.StartAsync([shell]);
        await using var host = Host();

        IReadOnlyList<Job> jobs;
        try
        {
            jobs = (await host.Scraper.ScrapeAsync(site["attacker"].Address, null, CancellationToken.None)).Jobs;
        }
        catch (ScrapeFailedException) when (navigatesAway)
        {
            jobs = []; // the page navigated to somewhere it could not load: no jobs, which is right
        }

        Assert.That(_forbidden["private"].Requests, Is.Empty, "the browser reached the address outside the allow-list");
        Assert.That(jobs.Select(j => j.Title), Has.None.EqualTo("Secret Engineer"));
        Assert.That(jobs.Select(j => j.SourcePage), Has.None.Contains("127.0.0.2").And.None.Contains(MappedName));
        if (!navigatesAway)
        {
            Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Machine Learning Engineer", "Product Designer" }), "the page itself still rendered");
        }
    }

    // The name resolves to the forbidden address for JobStream's resolver and for Chromium's own alike, so
    // a browser that resolved and dialled by itself would reach it.
    private static ScraperHost Host() => new(
        new Dictionary<string, IPAddress> { [MappedName] = IPAddress.Parse("127.0.0.2") },
        ("Scraping:Browser:Arguments:0", $"--host-resolver-rules=MAP {MappedName} 127.0.0.2"));

    // A script-driven careers page that renders its two jobs from its own API, after running the script.
    private static FixtureSite Shell(string name, string script) => new FixtureSite(name)
        .WithPage("/", "<!doctype html><html><body><a href=\"/careers\">Careers</a></body></html>")
        .WithPage("/careers", $$"""
            <!doctype html><html><head><title>Careers</title></head><body>
            <div id="root">Loading…</div>
            <script>
              fetch('/api/jobs').then(r => r.json()).then(jobs => {
                document.getElementById('root').innerHTML = '<ul>' + jobs.map(j =>
                  `<li><a href="${j.path}">${j.title}</a></li>`).join('') + '</ul>';
                {{script}}
              });
            </script></body></html>
            """)
        .WithPage("/api/jobs", new FixturePage("""
            [{"title":"Machine Learning Engineer","path":"/careers/jobs/ml-engineer"},
             {"title":"Product Designer","path":"/careers/jobs/product-designer"}]
            """, "application/json"));
}
