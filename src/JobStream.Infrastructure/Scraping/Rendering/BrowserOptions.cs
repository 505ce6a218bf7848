using System.ComponentModel.DataAnnotations;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>Rendering script-driven career pages, bound from "Scraping:Browser".</summary>
public sealed class BrowserOptions
{
    public const string SectionName = "Scraping:Browser";

    public bool Enabled { get; set; } = true;

    /// <summary>Debian's Chromium; Playwright cannot download its own browsers here.</summary>
    [Required]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages open at once across all scrapes (each page is a renderer process's worth of memory).</summary>
    [Range(1, 64)]
    public int MaxConcurrentPages { get; set; } = 4;

    /// <summary>
    /// The most memory one page's renderer may hold; a renderer over it is killed and its page's domain
    /// says so. Also the JavaScript heap's limit in each renderer.
    /// </summary>
    [Range(64, 16 * 1024)]
    public int MaxPageMemoryMegabytes { get; set; } = 512;

    /// <summary>
    /// The most memory the browser's processes may hold together; over it, its largest renderer is killed.
    /// At least <see cref="MaxConcurrentPages"/> pages' worth and <see cref="BrowserOwnMegabytes"/> more.
    /// </summary>
    [Range(256, 64 * 1024)]
    public int MaxTotalMemoryMegabytes { get; set; } = 2304;

    /// <summary>What the browser holds besides its pages' renderers (its own process, GPU and network services).</summary>
    public const int BrowserOwnMegabytes = 256;

    /// <summary>The budgets fit the concurrency: every page at its most, and the browser's own, within the total.</summary>
    public bool BudgetsFit => (long)MaxConcurrentPages * MaxPageMemoryMegabytes + BrowserOwnMegabytes <= MaxTotalMemoryMegabytes;

    [Range(1, 300)]
    public int NavigationTimeoutSeconds { get; set; } = 20;

    /// <summary>How long to let the page's scripts settle after load, waiting for the network to go idle.</summary>
    [Range(0, 60)]
    public int SettleSeconds { get; set; } = 5;

    /// <summary>Chromium switches added to JobStream's own (which keep every request on the guarded proxy).</summary>
    public IList<string> Arguments { get; } = [];
}
