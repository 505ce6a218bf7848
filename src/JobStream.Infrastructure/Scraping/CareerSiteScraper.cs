using AngleSharp.Dom;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Scraping.Enrichment;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping;

/// <summary>
/// Scrapes a site over plain HTTP: the start page, then the careers pages it links to or that sit at the
/// usual paths, taking jobs from JSON-LD first and from job links where a page has no JSON-LD postings.
/// </summary>
public sealed class CareerSiteScraper(PageFetcher fetcher, JobEnricher enricher, IOptions<HttpScraperOptions> options) : ICareerSiteScraper
{
    private readonly HttpScraperOptions _options = options.Value;

    public async Task<IReadOnlyList<Job>> ScrapeAsync(SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken cancellationToken)
    {
        var domain = site.Uri.AbsoluteUri;
        void Report(ScrapeStep step, string message) => progress?.Report(new ScrapeProgress(domain, step, message));

        Report(ScrapeStep.Resolving, $"Resolving {site.Uri.Host}");
        Report(ScrapeStep.Fetching, $"Fetching {site.Uri}");
        var start = await fetcher.FetchAsync(site.Uri, cancellationToken)
            ?? throw new ScrapeFailedException($"{site.Uri} answered with an error status");
        if (start.Document is null)
        {
            throw new ScrapeFailedException($"{start.Url} is not an HTML page ({start.MediaType})");
        }

        var company = CompanyName(start.Document, start.Url);
        var candidates = Extract(start);
        Report(ScrapeStep.Extracting, $"{candidates.Count} jobs on {start.Url}");

        if (candidates.Count == 0)
        {
            Report(ScrapeStep.Discovering, $"Looking for the careers page of {start.Url.Host}");
            foreach (var url in CareersPageFinder.Candidates(start.Document, start.Url).Take(_options.MaxCareerPages))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Report(ScrapeStep.Fetching, $"Fetching {url}");
                FetchedPage? page;
                try
                {
                    page = await fetcher.FetchAsync(url, cancellationToken);
                }
                catch (ScrapeFailedException)
                {
                    continue; // a candidate that fails is just not the careers page
                }
                if (page?.Document is null)
                {
                    continue;
                }
                candidates = Extract(page);
                Report(ScrapeStep.Extracting, $"{candidates.Count} jobs on {page.Url}");
                if (candidates.Count > 0)
                {
                    break;
                }
            }
        }

        Report(ScrapeStep.Enriching, $"Enriching {candidates.Count} jobs");
        return enricher.Enrich(candidates, company);
    }

    private static IReadOnlyList<JobCandidate> Extract(FetchedPage page)
    {
        var fromJsonLd = JsonLdJobReader.Read(page.Document!, page.Url);
        var found = fromJsonLd.Count > 0 ? fromJsonLd : HtmlJobLinkReader.Read(page.Document!, page.Url);
        return found.DistinctBy(job => (job.Url, job.Title)).ToList();
    }

    private static string CompanyName(IDocument document, Uri url)
    {
        var siteName = document.QuerySelector("meta[property='og:site_name']")?.GetAttribute("content");
        if (TextCleaner.Clean(siteName) is { } name)
        {
            return name;
        }
        if (url.HostNameType != UriHostNameType.Dns)
        {
            return url.Host;
        }
        var labels = url.Host.Split('.');
        var label = labels.Length >= 2 ? labels[^2] : labels[0];
        return label.Length == 0 ? url.Host : char.ToUpperInvariant(label[0]) + label[1..];
    }
}
