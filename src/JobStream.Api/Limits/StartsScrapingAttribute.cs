namespace JobStream.Api.Limits;

/// <summary>
/// Marks an endpoint that starts scraping: counted against the client's scrape starts a minute and,
/// with <see cref="HoldsConnection"/>, against its concurrent scrapes for as long as the response runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StartsScrapingAttribute(bool holdsConnection = false) : Attribute
{
    public bool HoldsConnection { get; } = holdsConnection;
}
