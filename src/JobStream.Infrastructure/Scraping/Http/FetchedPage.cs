using AngleSharp.Html.Dom;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// A fetched page: where it ended up after redirects, and its parsed HTML when it is HTML. A page a
/// browser rendered also carries its frames as the browser showed them (<see cref="Frames"/>).
/// </summary>
public sealed record FetchedPage(Uri Url, string MediaType, IHtmlDocument? Document)
{
    public IReadOnlyList<FetchedPage> Frames { get; init; } = [];

    /// <summary>The JSON a rendered page's scripts fetched to draw it (same site, or a known ATS host), by URL.</summary>
    public IReadOnlyList<DataAnswer> DataAnswers { get; init; } = [];
}

/// <summary>One JSON answer a page's scripts fetched while it rendered.</summary>
public sealed record DataAnswer(Uri Url, string Json);
