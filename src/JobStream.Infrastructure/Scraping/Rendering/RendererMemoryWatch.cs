using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>
/// Holds the rendering browser to its memory budget (Linux, from /proc): a few times a second while
/// pages are open, every renderer process of the browser over the per-page budget is killed, and while
/// the browser's processes together are over the total budget, its largest renderer is killed. A killed
/// renderer crashes the page in it, which then fails with the reason (<see cref="KilledSince"/>); the
/// browser and the other pages go on. The browser is known by a word of its command line (its proxy's
/// address), so several browsers in one process each watch their own.
/// </summary>
public sealed partial class RendererMemoryWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly string _marker;
    private readonly long _pageBytes;
    private readonly long _totalBytes;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;
    private int _openPages;
    private long _lastKillTimestamp;

    private RendererMemoryWatch(string marker, long pageBytes, long totalBytes, ILogger logger)
    {
        _marker = marker;
        _pageBytes = pageBytes;
        _totalBytes = totalBytes;
        _logger = logger;
        _watching = OperatingSystem.IsLinux() ? WatchAsync(_stopping.Token) : Task.CompletedTask;
    }

    public static RendererMemoryWatch Start(string marker, long pageBytes, long totalBytes, ILogger logger) => new(marker, pageBytes, totalBytes, logger);

    /// <summary>A page is open until the returned value is disposed: only then is the browser watched.</summary>
    public IDisposable PageOpened()
    {
        Interlocked.Increment(ref _openPages);
        return new Closing(this);
    }

    /// <summary>Whether a renderer was killed for memory since <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public bool KilledSince(long timestamp) => Interlocked.Read(ref _lastKillTimestamp) >= timestamp;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            if (Volatile.Read(ref _openPages) > 0)
            {
                Check();
            }
        }
    }

    private void Check()
    {
        var processes = ReadProcesses();
        var browser = processes.Values.FirstOrDefault(p => p.CommandLine.Contains(_marker, StringComparison.Ordinal) && !p.CommandLine.Contains("--type=", StringComparison.Ordinal));
        if (browser is null)
        {
            return;
        }
        var tree = new List<ProcessMemory>();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var pending = new Stack<ProcessMemory>([browser]);
        while (pending.TryPop(out var process))
        {
            tree.Add(process);
            foreach (var child in children[process.Id])
            {
                pending.Push(child);
            }
        }
        var renderers = tree.Where(p => p.CommandLine.Contains("--type=renderer", StringComparison.Ordinal)).OrderByDescending(p => p.ResidentBytes).ToList();
        var total = tree.Sum(p => p.ResidentBytes);
        foreach (var renderer in renderers)
        {
            var overPage = renderer.ResidentBytes > _pageBytes;
            if (!overPage && total <= _totalBytes)
            {
                break; // the largest left is within both budgets
            }
            Kill(renderer, overPage ? "its page's" : "the browser's total", overPage ? _pageBytes : _totalBytes);
            total -= renderer.ResidentBytes;
        }
    }

    private void Kill(ProcessMemory renderer, string budget, long limit)
    {
        try
        {
            using var process = Process.GetProcessById(renderer.Id);
            process.Kill();
            Interlocked.Exchange(ref _lastKillTimestamp, Stopwatch.GetTimestamp());
            LogKilled(renderer.Id, renderer.ResidentBytes / (1024 * 1024), budget, limit / (1024 * 1024));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended by itself in the meantime.
        }
    }

    // Every process's parent, command line and resident memory; those that end while being read are left out.
    private static Dictionary<int, ProcessMemory> ReadProcesses()
    {
        var pageSize = Environment.SystemPageSize;
        var processes = new Dictionary<int, ProcessMemory>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // "pid (name) state ppid …": the name may hold spaces and parentheses, so read after its last ")".
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var pages = long.Parse(File.ReadAllText(Path.Combine(directory, "statm")).Split(' ')[1], CultureInfo.InvariantCulture);
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                processes[id] = new ProcessMemory(id, parent, commandLine, pages * pageSize);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // Gone, or not ours to read.
            }
        }
        return processes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed the browser's renderer {ProcessId} at {ResidentMegabytes} MB: over {Budget} memory budget of {LimitMegabytes} MB")]
    private partial void LogKilled(int processId, long residentMegabytes, string budget, long limitMegabytes);

    private sealed record ProcessMemory(int Id, int ParentId, string CommandLine, long ResidentBytes);

    private sealed class Closing(RendererMemoryWatch watch) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref watch._openPages);
            }
        }
    }
}
