using System.ComponentModel.DataAnnotations;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>Rendering script-driven career pages, bound from "Scraping:Browser".</summary>
public sealed class BrowserOptions
{
    public const string SectionName = "Scraping:Browser";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The Chromium to run. Unset: Debian's headless shell (<c>chromium-headless-shell</c>, the browser without its
    /// windows, tabs and omnibox) where it is installed, else Debian's Chromium. Playwright cannot download browsers here.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>The headless shell, which renders a page for about a quarter of the full browser's CPU (docs/benchmarks.md).</summary>
    public const string HeadlessShell = "/usr/bin/chromium-headless-shell";

    /// <summary>The full browser, used where the headless shell is not installed.</summary>
    public const string FullBrowser = "/usr/bin/chromium";

    /// <summary>The browser that runs: <see cref="ExecutablePath"/> where set, else the headless shell if installed, else the full browser.</summary>
    public string Executable => ExecutablePath is { Length: > 0 } path ? path : File.Exists(HeadlessShell) ? HeadlessShell : FullBrowser;

    /// <summary>
    /// Pages open at once across all scrapes (each page is a renderer process's worth of memory). Unset: as many
    /// as the memory budget holds at <see cref="MaxPageMemoryMegabytes"/> each, and at most two per processor.
    /// </summary>
    [Range(1, 64)]
    public int? MaxConcurrentPages { get; set; }

    /// <summary>The pages open at once: <see cref="MaxConcurrentPages"/> where set, else what memory and processors allow.</summary>
    public int ConcurrentPages => MaxConcurrentPages
        ?? Math.Clamp(Math.Min(2 * Environment.ProcessorCount, (MaxTotalMemoryMegabytes - BrowserOwnMegabytes) / MaxPageMemoryMegabytes), 1, 64);

    /// <summary>
    /// The most memory one page's renderer may hold; a renderer over it is killed and its page's domain
    /// says so. Also the JavaScript heap's limit in each renderer.
    /// </summary>
    [Range(64, 16 * 1024)]
    public int MaxPageMemoryMegabytes { get; set; } = 512;

    /// <summary>
    /// The most memory the browser's processes may hold together; over it, its largest renderer is killed.
    /// At least <see cref="ConcurrentPages"/> pages' worth and <see cref="BrowserOwnMegabytes"/> more.
    /// </summary>
    [Range(256, 64 * 1024)]
    public int MaxTotalMemoryMegabytes { get; set; } = 2304;

    /// <summary>What the browser holds besides its pages' renderers (its own process, GPU and network services).</summary>
    public const int BrowserOwnMegabytes = 256;

    /// <summary>The budgets fit the concurrency: every page at its most, and the browser's own, within the total.</summary>
    public bool BudgetsFit => (long)ConcurrentPages * MaxPageMemoryMegabytes + BrowserOwnMegabytes <= MaxTotalMemoryMegabytes;

    [Range(1, 300)]
    public int NavigationTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// The longest the page's scripts are given after its load event to draw it: the wait ends sooner, once nothing
    /// is loading and the document has not changed for <see cref="QuietMilliseconds"/>.
    /// </summary>
    [Range(0, 60)]
    public int SettleSeconds { get; set; } = 5;

    /// <summary>How long a page must be quiet (no request open, the document unchanged) to count as drawn.</summary>
    [Range(50, 5000)]
    public int QuietMilliseconds { get; set; } = 300;

    /// <summary>Chromium switches added to JobStream's own (which keep every request on the guarded proxy).</summary>
    public IList<string> Arguments { get; } = [];
}
