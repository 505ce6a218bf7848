namespace JobStream.Application.Scraping;

/// <summary>Domains as a query string names them: comma-separated, repeated (<c>?domains=a&amp;domains=b</c>), or both.</summary>
public static class DomainList
{
    public static IReadOnlyList<string> FromQuery(string[]? values) =>
        (values ?? [])
            .SelectMany(value => value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
            .ToList();
}
