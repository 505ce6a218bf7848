using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>
/// One rendered page's requests as Chromium sees them, through a DevTools session of the page's own: what no
/// careers page needs to show its jobs is refused inside the browser before it is asked for (images, media and
/// fonts by their file names; the usual analytics, advertising and session-recording scripts), and the requests
/// still open are counted, so the renderer can tell when the page has stopped loading.
/// </summary>
internal sealed class PageTraffic
{
    // URL patterns (the URLPattern syntax Chromium's Network.setBlockedURLs takes): a file name's ending, whatever
    // the query after it; a host and its subdomains.
    private static readonly string[] RefusedEndings =
    [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg", "tif", "tiff",
        "woff", "woff2", "ttf", "otf", "eot",
        "mp4", "webm", "ogg", "ogv", "mp3", "wav", "m4a", "m4v", "mov", "m3u8", "mpd",
    ];

    private static readonly string[] RefusedHosts =
    [
        "google-analytics.com", "googletagmanager.com", "googleadservices.com", "googlesyndication.com",
        "doubleclick.net", "connect.facebook.net", "hotjar.com", "clarity.ms", "segment.com", "segment.io",
        "mixpanel.com", "amplitude.com", "heapanalytics.com", "fullstory.com", "mouseflow.com", "quantserve.com",
        "scorecardresearch.com", "adsrvr.org", "bat.bing.com", "snap.licdn.com", "ads-twitter.com", "static.ads-twitter.com",
        "analytics.tiktok.com", "cdn.cookielaw.org", "js.hs-analytics.net", "newrelic.com", "nr-data.net",
    ];

    /// <summary>Every pattern refused, in the form <c>Network.setBlockedURLs</c> takes.</summary>
    internal static IReadOnlyList<string> RefusedPatterns { get; } =
    [
        .. RefusedEndings.SelectMany(ending => new[] { $"*://*:*/*.{ending}", $"*://*:*/*.{ending.ToUpperInvariant()}" }),
        .. RefusedHosts.SelectMany(host => new[] { $"*://{host}:*/*", $"*://*.{host}:*/*" }),
    ];

    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private long _lastChange = Stopwatch.GetTimestamp();

    private PageTraffic()
    {
    }

    /// <summary>
    /// Starts refusing and counting on a page that has not navigated yet.
    /// </summary>
    public static async Task<PageTraffic> WatchAsync(IBrowserContext context, IPage page)
    {
        var traffic = new PageTraffic();
        var session = await context.NewCDPSessionAsync(page);
        session.Event("Network.requestWillBeSent").OnEvent += (_, args) => traffic.Change(args, opened: true);
        session.Event("Network.loadingFinished").OnEvent += (_, args) => traffic.Change(args, opened: false);
        session.Event("Network.loadingFailed").OnEvent += (_, args) => traffic.Change(args, opened: false);
        await session.SendAsync("Network.enable");
        await session.SendAsync("Network.setBlockedURLs", new Dictionary<string, object>
        {
            ["urlPatterns"] = RefusedPatterns.Select(pattern => new Dictionary<string, object> { ["urlPattern"] = pattern, ["block"] = true }).ToArray(),
        });
        return traffic;
    }

    /// <summary>How long no request has been open (zero while one is).</summary>
    public TimeSpan QuietFor
    {
        get
        {
            lock (_open)
            {
                return _open.Count > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_lastChange);
            }
        }
    }

    private void Change(JsonElement? args, bool opened)
    {
        if (args is not { } value || !value.TryGetProperty("requestId", out var id) || id.GetString() is not { } request)
        {
            return;
        }
        lock (_open)
        {
            if (opened)
            {
                _open.Add(request); // a redirect is the same request again
            }
            else
            {
                _open.Remove(request);
            }
            _lastChange = Stopwatch.GetTimestamp();
        }
    }
}
