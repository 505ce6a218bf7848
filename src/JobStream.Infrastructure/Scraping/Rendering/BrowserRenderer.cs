using System.Diagnostics;
using AngleSharp.Html.Parser;
using JobStream.Application.Scraping;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Scraping.Ats;
using JobStream.Infrastructure.Scraping.Domains;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>
/// Renders script-driven career pages in Chromium through Playwright: one browser per process,
/// launched on first use and reused (Debian's headless shell where installed); a fresh context per page, always
/// closed; at most <see cref="BrowserOptions.ConcurrentPages"/> pages at once; images, media, fonts and trackers
/// refused in the browser (<see cref="PageTraffic"/>); a page read once it has gone quiet after its load
/// event rather than after a fixed wait. Service workers are blocked, and
/// every request the browser makes goes through <see cref="BrowserProxy"/>, which dials it under the
/// same address policy as the HTTP scraper (docs/decisions/0007-browser-through-a-guarded-proxy.md).
/// </summary>
public sealed partial class BrowserRenderer(
    IOptions<BrowserOptions> options,
    IOptions<HttpScraperOptions> httpOptions,
    OutboundAddressPolicy addresses,
    JobStreamMetrics metrics,
    TimeProvider clock,
    PublicSuffixList suffixes,
    AtsProviders ats,
    ILogger<BrowserRenderer> logger) : IAsyncDisposable
{
    // The JSON a page fetches to draw its list is read too (a script-drawn list keeps each job's place
    // and fields as the data had them): at most this many answers, each at most this large.
    private const int MaxDataAnswers = 12;
    private const int MaxDataAnswerBytes = 2 * 1024 * 1024;

    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        // WebRTC may send UDP around a proxy; QUIC is UDP. Neither may leave except through the proxy.
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--disable-quic",
    ];

    // WebRTC sends its STUN and TURN datagrams straight from the browser, past the proxy, whatever the
    // IP-handling flag says (a test caught them at an internal address). No careers page needs it: its
    // constructors are taken away in every frame before the page's own scripts run.
    private const string WithoutWebRtc = """
        for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceCandidate', 'RTCSessionDescription', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCRtpTransceiver', 'RTCIceTransport', 'RTCDtlsTransport', 'RTCSctpTransport']) {
          try { delete globalThis[name]; } catch (e) { }
        }
        """;

    // How long each frame's document has been unchanged, and whether it changed after its load event (a script
    // drew something), read while the page settles.
    private const string QuietFunction = "__jobstreamQuiet";
    private const string DocumentChanges = $$"""

        (() => {
          let changed = performance.now(), loaded = Infinity;
          new MutationObserver(() => { changed = performance.now(); })
            .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
          addEventListener('load', () => { loaded = performance.now(); });
          Object.defineProperty(globalThis, '{{QuietFunction}}', { value: () => ({ quiet: performance.now() - changed, drawn: changed > loaded }) });
        })();
        """;

    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(50);

    private static readonly HtmlParser Parser = new();

    /// <summary>The most frames of a rendered page that are read.</summary>
    private const int MaxFrames = 3;
    private readonly BrowserOptions _options = options.Value;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _pages = new(options.Value.ConcurrentPages);
    private IPlaywright? _playwright;
    private BrowserProxy? _proxy;
    private IBrowser? _browser;
    private RendererMemoryWatch? _memory;
    private int _disposed;
    private string? _failure;
    private DateTimeOffset _failedAt;

    public BrowserStatus Status => !_options.Enabled
        ? new BrowserStatus(false, false, "disabled by Scraping:Browser:Enabled")
        : _browser is { IsConnected: true }
            ? new BrowserStatus(true, true, $"Chromium {_browser.Version} running")
            : _failure is not null
                ? new BrowserStatus(true, false, _failure)
                : NotLaunched(_options.Executable);

    // The browser that would be launched (Executable looks for the headless shell on disk: asked once here).
    private static BrowserStatus NotLaunched(string executable) => File.Exists(executable)
        ? new BrowserStatus(true, true, $"{executable}, launched on first use")
        : new BrowserStatus(true, false, $"no browser at {executable}");

    /// <summary>The page as the browser shows it once its scripts have run.</summary>
    /// <exception cref="ScrapeFailedException">No browser is available, or the page could not be rendered.</exception>
    public async Task<FetchedPage> RenderAsync(Uri url, CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        var phase = Stopwatch.GetTimestamp();
        await _pages.WaitAsync(cancellationToken);
        Phase("queue", ref phase);
        IBrowserContext? context = null;
        var started = phase;
        var crashed = false;
        try
        {
            context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                UserAgent = httpOptions.Value.UserAgent,
                ServiceWorkers = ServiceWorkerPolicy.Block,
                AcceptDownloads = false,
            });
            await context.AddInitScriptAsync(WithoutWebRtc + DocumentChanges);
            using var open = _memory!.PageOpened();
            var page = await context.NewPageAsync();
            var traffic = await PageTraffic.WatchAsync(context, page);
            page.Crash += (_, _) => crashed = true;
            var answers = new List<IResponse>();
            page.Response += (_, answer) =>
            {
                if (IsDataAnswer(answer, url))
                {
                    lock (answers)
                    {
                        if (answers.Count < MaxDataAnswers)
                        {
                            answers.Add(answer);
                        }
                    }
                }
            };
            page.SetDefaultTimeout(_options.NavigationTimeoutSeconds * 1000f);
            Phase("context", ref phase);
            using var abort = cancellationToken.Register(() => _ = context.CloseAsync());
            var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is { Ok: false })
            {
                throw new ScrapeFailedException($"{url} answered {response.Status} to the browser");
            }
            Phase("navigation", ref phase);
            await SettleAsync(page, traffic, cancellationToken);
            Phase("wait", ref phase);
            var html = await page.ContentAsync();
            var frames = await FramesAsync(page, cancellationToken);
            var data = await DataAnswersAsync(answers);
            Phase("extraction", ref phase);
            metrics.PageRendered();
            cancellationToken.ThrowIfCancellationRequested();
            return new FetchedPage(new Uri(page.Url), "text/html", await Parser.ParseDocumentAsync(html, cancellationToken)) { Frames = frames, DataAnswers = data };
        }
        catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed because its domain's time ran out or its client left: a cancellation.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (PlaywrightException ex) when (crashed)
        {
            throw new ScrapeFailedException(_memory!.KilledSince(started)
                ? $"rendering {url} took more memory than its budget (Scraping:Browser:MaxPageMemoryMegabytes {_options.MaxPageMemoryMegabytes} MB, MaxTotalMemoryMegabytes {_options.MaxTotalMemoryMegabytes} MB), and the page was stopped"
                : $"the page {url} crashed the browser's renderer", ex);
        }
        catch (PlaywrightException ex)
        {
            throw new ScrapeFailedException($"the browser could not render {url}: {FirstLine(ex.Message)}", ex);
        }
        catch (TimeoutException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScrapeFailedException($"the browser could not render {url} within {_options.NavigationTimeoutSeconds} s", ex);
        }
        finally
        {
            if (context is not null)
            {
                await context.CloseAsync();
                Phase("close", ref phase);
            }
            _pages.Release();
        }
    }

    // After its load event a page has drawn what it will once nothing has loaded and its document has not changed
    // for QuietMilliseconds; one whose scripts have drawn nothing since the load event is given three times that
    // (an app that starts on a timer). A page that keeps polling or animating is taken as it is after SettleSeconds.
    private async Task SettleAsync(IPage page, PageTraffic traffic, CancellationToken cancellationToken)
    {
        var quiet = TimeSpan.FromMilliseconds(_options.QuietMilliseconds);
        var settling = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(settling) < TimeSpan.FromSeconds(_options.SettleSeconds))
        {
            if (traffic.QuietFor >= quiet)
            {
                try
                {
                    // [milliseconds unchanged, drawn since load], or null where the page took the function away
                    var document = await page.EvaluateAsync<double[]?>($"() => {{ const q = globalThis.{QuietFunction}?.(); return q ? [q.quiet, q.drawn ? 1 : 0] : null; }}");
                    var needed = document is [_, 0] ? 3 * quiet : quiet;
                    if (document is not [var unchanged, _] || (TimeSpan.FromMilliseconds(unchanged) >= needed && traffic.QuietFor >= needed))
                    {
                        return;
                    }
                }
                catch (PlaywrightException)
                {
                    // The page is between documents: not settled yet.
                }
            }
            await Task.Delay(SettlePoll, cancellationToken);
        }
    }

    // The time since `phase` was spent in the named phase; the next phase starts now.
    private void Phase(string name, ref long phase)
    {
        var now = Stopwatch.GetTimestamp();
        metrics.RenderPhase(name, Stopwatch.GetElapsedTime(phase, now));
        phase = now;
    }

    // A script's request (fetch or XHR) answered 200 with JSON, from the page's own site or a host an ATS
    // provider knows; declared no larger than the bound (the body is checked again once read).
    private bool IsDataAnswer(IResponse answer, Uri page)
    {
        if (answer.Status != 200
            || answer.Request.ResourceType is not ("fetch" or "xhr")
            || !answer.Headers.TryGetValue("content-type", out var type) || !type.Contains("json", StringComparison.OrdinalIgnoreCase)
            || (answer.Headers.TryGetValue("content-length", out var length) && long.TryParse(length, out var bytes) && bytes > MaxDataAnswerBytes)
            || !Uri.TryCreate(answer.Url, UriKind.Absolute, out var from))
        {
            return false;
        }
        return suffixes.SameSite(from, page) || ats.Detect(from).Count > 0;
    }

    private static async Task<IReadOnlyList<DataAnswer>> DataAnswersAsync(List<IResponse> answers)
    {
        IResponse[] taken;
        lock (answers)
        {
            taken = [.. answers];
        }
        var data = new List<DataAnswer>();
        foreach (var answer in taken)
        {
            try
            {
                var body = await answer.BodyAsync();
                if (body.Length <= MaxDataAnswerBytes)
                {
                    data.Add(new DataAnswer(new Uri(answer.Url), System.Text.Encoding.UTF8.GetString(body)));
                }
            }
            catch (PlaywrightException)
            {
                // Its body is gone (the page moved on): it is just not read.
            }
        }
        return data;
    }

    // The page's frames as the browser shows them (a board embedded by iframe, its own scripts run):
    // the first few web frames, whose every request went through the same guarded proxy as the page's.
    private static async Task<IReadOnlyList<FetchedPage>> FramesAsync(IPage page, CancellationToken cancellationToken)
    {
        var frames = new List<FetchedPage>();
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame).Take(MaxFrames))
        {
            if (WebLink.Absolute(frame.Url) is not { } url)
            {
                continue;
            }
            try
            {
                var html = await frame.ContentAsync();
                frames.Add(new FetchedPage(url, "text/html", await Parser.ParseDocumentAsync(html, cancellationToken)));
            }
            catch (PlaywrightException)
            {
                // A frame that went away while being read is left out.
            }
        }
        return frames;
    }

    // Once, however often the host asks: only the first call closes anything.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_memory is not null)
        {
            await _memory.DisposeAsync();
        }
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
        _launch.Dispose();
        _pages.Dispose();
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            throw new ScrapeFailedException("this careers page needs a browser to render, and rendering is disabled");
        }
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }
        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } launched)
            {
                return launched;
            }
            if (_failure is not null && clock.GetUtcNow() - _failedAt < TimeSpan.FromMinutes(1))
            {
                throw new ScrapeFailedException($"this careers page needs a browser to render, and none is available: {_failure}");
            }
            try
            {
                var launching = Stopwatch.GetTimestamp();
                _playwright ??= await Playwright.CreateAsync();
                _proxy ??= BrowserProxy.Start(addresses, logger);
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _options.Executable,
                    Headless = true,
                    Args = [.. _options.Arguments, .. ChromiumFlags, $"--js-flags=--max-old-space-size={_options.MaxPageMemoryMegabytes}"],
                    // Playwright adds "<-loopback>" to the bypass list, so loopback is proxied too.
                    Proxy = new Proxy { Server = _proxy.Address.AbsoluteUri.TrimEnd('/'), Username = BrowserProxy.UserName, Password = _proxy.Password },
                });
                _failure = null;
                _memory ??= RendererMemoryWatch.Start(_proxy.Address.Authority, _options.MaxPageMemoryMegabytes * 1024L * 1024, _options.MaxTotalMemoryMegabytes * 1024L * 1024, logger);
                metrics.BrowserLaunched();
                Phase("launch", ref launching);
                LogLaunched(_browser.Version);
                return _browser;
            }
            catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or IOException)
            {
                _failure = $"Chromium could not be started from {_options.Executable} ({FirstLine(ex.Message)})";
                _failedAt = clock.GetUtcNow();
                LogLaunchFailed(_failure);
                throw new ScrapeFailedException($"this careers page needs a browser to render, and none is available: {_failure}", ex);
            }
        }
        finally
        {
            _launch.Release();
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Chromium {Version} launched for rendering career pages")]
    private partial void LogLaunched(string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering unavailable: {Reason}")]
    private partial void LogLaunchFailed(string reason);
}
