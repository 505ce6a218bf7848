namespace JobStream.Domain.Scraping;

public enum ScrapeStatus
{
    Success,
    Error,
}
