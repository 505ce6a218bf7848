namespace JobStream.Application.Scraping;

/// <summary>
/// One granular step of scraping a site, for progress streams. <see cref="Domain"/> is the site as the
/// request named it, like the domain's result: the scrape streams stamp it, whatever the scraper said.
/// </summary>
public sealed record ScrapeProgress(string Domain, ScrapeStep Step, string Message);
