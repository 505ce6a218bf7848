namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>One call to an ATS: a GET, or a POST with a JSON body (Workday). <paramref name="Page"/> counts from 0.</summary>
public sealed record AtsRequest(Uri Url, string? Body = null, int Page = 0);
