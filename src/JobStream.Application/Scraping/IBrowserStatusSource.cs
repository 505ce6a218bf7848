namespace JobStream.Application.Scraping;

/// <summary>Reports the state of the browser that renders script-driven career pages (for /status).</summary>
public interface IBrowserStatusSource
{
    BrowserStatus Status { get; }
}
