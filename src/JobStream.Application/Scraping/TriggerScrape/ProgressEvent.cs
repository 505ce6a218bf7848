namespace JobStream.Application.Scraping.TriggerScrape;

/// <summary>The payload of a <c>progress</c> event: one step of one domain, and how many domains are done.</summary>
public sealed record ProgressEvent(string Domain, ScrapeStep Step, string Message, int Completed, int Total);
