using AngleSharp.Html.Dom;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// A fetched page: where it ended up after redirects, and its parsed HTML when it is HTML. A page a
/// browser rendered also carries its frames as the browser showed them (<see cref="Frames"/>).
/// </summary>
public sealed record FetchedPage(Uri Url, string MediaType, IHtmlDocument? Document)
{
    public IReadOnlyList<FetchedPage> Frames { get; init; } = [];
}
