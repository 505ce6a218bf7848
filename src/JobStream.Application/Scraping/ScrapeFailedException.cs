namespace JobStream.Application.Scraping;

/// <summary>A site could not be scraped; the message says why in words fit for the client.</summary>
public sealed class ScrapeFailedException : Exception
{
    public ScrapeFailedException(string message) : base(message)
    {
    }

    public ScrapeFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
