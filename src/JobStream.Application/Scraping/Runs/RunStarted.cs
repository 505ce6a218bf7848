namespace JobStream.Application.Scraping.Runs;

/// <summary>The first event of a scrape stream: which run it follows, and whether it was resumed.</summary>
public sealed record RunStarted(string RunId, bool Resumed);
