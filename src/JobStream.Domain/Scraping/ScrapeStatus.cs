namespace JobStream.Domain.Scraping;

public enum ScrapeStatus
{
    /// <summary>Everything the site's jobs were read from was read.</summary>
    Success,

    /// <summary>Something the scrape relied on could not be read; jobs came from the rest (the warnings name what).</summary>
    Partial,

    /// <summary>Nothing could be read.</summary>
    Error,
}
