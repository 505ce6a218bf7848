namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>One call to an ATS API: a GET, or a POST with a JSON body (Workday).</summary>
public sealed record AtsRequest(Uri Url, string? Body = null);
