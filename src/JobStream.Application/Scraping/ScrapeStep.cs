namespace JobStream.Application.Scraping;

public enum ScrapeStep
{
    Resolving,
    Fetching,
    Discovering,
    Extracting,
    Enriching,
}
