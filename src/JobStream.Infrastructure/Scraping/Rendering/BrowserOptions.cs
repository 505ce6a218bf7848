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

    [Range(1, 300)]
    public int NavigationTimeoutSeconds { get; set; } = 20;

    /// <summary>How long to let the page's scripts settle after load, waiting for the network to go idle.</summary>
    [Range(0, 60)]
    public int SettleSeconds { get; set; } = 5;

    /// <summary>Chromium switches added to JobStream's own (which keep every request on the guarded proxy).</summary>
    public IList<string> Arguments { get; } = [];
}
