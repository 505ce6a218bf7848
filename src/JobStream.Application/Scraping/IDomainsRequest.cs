namespace JobStream.Application.Scraping;

/// <summary>A request naming domains to scrape; <see cref="DomainsValidator{T}"/> checks them.</summary>
public interface IDomainsRequest
{
    IReadOnlyList<string>? Domains { get; }
}
