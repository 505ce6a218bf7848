using System.Collections.Concurrent;
using JobStream.Domain.Scraping;

namespace JobStream.TestServers;

/// <summary>
/// A career site served on its own loopback port. Tests hold back its answers with <see cref="Gate"/>
/// and learn that a client gave up on it through <see cref="RequestAborted"/>.
/// </summary>
public sealed class FixtureSite(string name)
{
    public string Name { get; } = name;

    /// <summary>Pages by path, or by path and query ("/jobs?offset=2") where one path answers differently.</summary>
    public Dictionary<string, FixturePage> Pages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every answer waits this long first (for demos; tests use <see cref="Gate"/>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Pages carry an ETag (a hash of their body) and a conditional request for an unchanged one is answered 304.</summary>
    public bool Validators { get; init; }

    /// <summary>The requests answered 304 Not Modified.</summary>
    public ConcurrentQueue<string> NotModified { get; } = new();

    /// <summary>When set, every answer waits until it completes.</summary>
    public TaskCompletionSource? Gate { get; init; }

    /// <summary>Completes when a client disconnects while an answer was held back.</summary>
    public TaskCompletionSource RequestAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first request arrives.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When each request arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamps), in order.</summary>
    public ConcurrentQueue<long> ArrivedAt { get; } = new();

    /// <summary>Most requests this site had in hand at once, from any client.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private int _inFlight;
    private int _maxInFlight;

    internal void Entered() => Atomic.RaiseTo(ref _maxInFlight, Interlocked.Increment(ref _inFlight));

    internal void Left() => Interlocked.Decrement(ref _inFlight);

    /// <summary>When the site last finished answering a page (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; 0 before any).</summary>
    public long LastAnsweredAt => Interlocked.Read(ref _lastAnsweredAt);

    private long _lastAnsweredAt;

    internal void Answered() => Interlocked.Exchange(ref _lastAnsweredAt, System.Diagnostics.Stopwatch.GetTimestamp());

    /// <summary>Each path first answers this many times 503 with <see cref="RetryAfter"/>, then for real.</summary>
    public int TransientFailures { get; init; }

    /// <summary>The Retry-After header of the transient failures; none when null.</summary>
    public string? RetryAfter { get; init; }

    internal ConcurrentDictionary<string, int> Attempts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The site's root URL, known once the server has started.</summary>
    public Uri Url { get; internal set; } = null!;

    /// <summary>The site as a scrape request names it.</summary>
    public SiteAddress Address => SiteAddress.TryParse(Url.AbsoluteUri, out var address) ? address : throw new InvalidOperationException($"{Url} is not a site address");

    public FixtureSite WithPage(string path, string html) => WithPage(path, FixturePage.Html(html));

    public FixtureSite WithPage(string path, FixturePage page)
    {
        Pages[Normalize(path)] = page;
        return this;
    }

    internal static string Normalize(string path) => path.Contains('?', StringComparison.Ordinal) || path.Length <= 1 ? path : path.TrimEnd('/');
}
