using AngleSharp.Html.Dom;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>A fetched page: where it ended up after redirects, and its parsed HTML when it is HTML.</summary>
public sealed record FetchedPage(Uri Url, string MediaType, IHtmlDocument? Document);
