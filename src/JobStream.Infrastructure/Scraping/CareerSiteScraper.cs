using System.Text.Json;
using AngleSharp.Dom;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Scraping.Ats;
using JobStream.Infrastructure.Scraping.Enrichment;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.Infrastructure.Scraping.Rendering;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping;

/// <summary>
/// Scrapes a site over plain HTTP: the start page, then the careers pages it links to or that sit at the
/// usual paths. On each page, an embedded ATS board is read through the ATS's JSON API first; otherwise
/// jobs come from JSON-LD and the data the page holds for its scripts, and from job links where those
/// show more; each job's own page then fills in what the list left out. When nothing is
/// found and a page is a script-driven app, it is rendered in a browser and read again.
/// </summary>
public sealed class CareerSiteScraper(
    PageFetcher fetcher,
    JobEnricher enricher,
    BrowserRenderer renderer,
    CareersPageFinder careersPages,
    AtsBoardReader boards,
    AtsProviders ats,
    IOptions<HttpScraperOptions> options,
    IOptions<AtsOptions> atsOptions) : ICareerSiteScraper
{
    private readonly HttpScraperOptions _options = options.Value;
    private readonly AtsOptions _ats = atsOptions.Value;

    public async Task<SiteScrape> ScrapeAsync(SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken cancellationToken)
    {
        var domain = site.Uri.AbsoluteUri;
        void Report(ScrapeStep step, string message) => progress?.Report(new ScrapeProgress(domain, step, message));
        // What the scrape relied on and could not read: a board a page names whose API failed, a list's
        // next page. The domain's result says so (partial, or an error when nothing was read).
        var warnings = new List<string>();

        Report(ScrapeStep.Resolving, $"Resolving {site.Uri.Host}");
        if (ats.Detect(site.Uri) is [var board, ..])
        {
            // The site is itself an ATS board (jobs.lever.co/spotify): its API has everything.
            Report(ScrapeStep.Discovering, $"{site.Uri.Host} is a {board.Provider.Name} board");
            var read = await boards.ReadAsync(board, Report, cancellationToken);
            if (read is { Jobs.Count: 0, Problem: { } problem })
            {
                throw new ScrapeFailedException(problem);
            }
            Report(ScrapeStep.Enriching, $"Enriching {read.Jobs.Count} jobs");
            return new SiteScrape(enricher.Enrich(read.Jobs, board.Provider.CompanyOf(board)), read.Problem is null ? [] : [read.Problem]);
        }

        Report(ScrapeStep.Fetching, $"Fetching {site.Uri}");
        // The start page is the domain: when it cannot be had, that is the domain's result.
        var fetched = await fetcher.FetchAsync(site.Uri, cancellationToken);
        var start = fetched.Value ?? throw new ScrapeFailedException(fetched.Why);
        if (start.Document is null)
        {
            throw new ScrapeFailedException($"{start.Url} is not an HTML page ({start.MediaType})");
        }

        var company = CompanyName(start.Document, start.Url);
        var candidates = await ExtractListAsync(start, Report, warnings, cancellationToken);
        Report(ScrapeStep.Extracting, $"{candidates.Count} jobs on {start.Url}");

        var scriptDriven = new List<Uri>();
        var rendered = new HashSet<Uri>();
        ScrapeFailedException? renderFailure = null;
        if (LooksScriptDriven(start.Document))
        {
            scriptDriven.Add(start.Url);
        }
        if (candidates.Count == 0)
        {
            Report(ScrapeStep.Discovering, $"Looking for the careers page of {start.Url.Host}");
            var linked = careersPages.Linked(start.Document, start.Url);
            var listed = linked.Count > 0
                ? []
                : careersPages.FromSitemap(await fetcher.SitemapLocationsAsync(start.Url, cancellationToken), start.Url);
            if (listed.Count > 0)
            {
                Report(ScrapeStep.Discovering, $"The sitemap lists {listed.Count} careers pages");
            }
            // The site's own careers pages, then a board it links to on another site, then the usual paths.
            var ownPages = linked.Concat(listed).ToHashSet();
            var candidatePages = linked.Concat(listed).Concat(careersPages.OffSite(start.Document, start.Url)).Concat(careersPages.UsualPaths(start.Url))
                .DistinctBy(url => url.AbsoluteUri.TrimEnd('/'))
                .Take(_options.MaxCareerPages);
            foreach (var url in candidatePages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Report(ScrapeStep.Fetching, $"Fetching {url}");
                // A candidate that cannot be had, or is no HTML page, is just not the careers page.
                if ((await fetcher.FetchAsync(url, cancellationToken)).Value is not { Document: not null } page)
                {
                    continue;
                }
                candidates = await ExtractListAsync(page, Report, warnings, cancellationToken);
                Report(ScrapeStep.Extracting, $"{candidates.Count} jobs on {page.Url}");
                if (candidates.Count > 0)
                {
                    break;
                }
                if (!LooksScriptDriven(page.Document))
                {
                    continue;
                }
                if (!ownPages.Contains(url))
                {
                    scriptDriven.Insert(0, page.Url); // a careers page is a better bet than the home page
                    continue;
                }
                // The careers page the site itself names draws its list with scripts: rendered now, rather than
                // after guessing the usual paths (each a request, which such a site seldom answers with a list).
                // Should it fail or show nothing, the usual paths are still tried.
                rendered.Add(page.Url);
                try
                {
                    candidates = await RenderAsync([page.Url], Report, warnings, cancellationToken);
                }
                catch (ScrapeFailedException failure)
                {
                    renderFailure ??= failure;
                }
                if (candidates.Count > 0)
                {
                    break;
                }
            }
        }

        var toRender = scriptDriven.Where(url => !rendered.Contains(url)).Take(2).ToList();
        if (candidates.Count == 0 && toRender.Count > 0)
        {
            candidates = await RenderAsync(toRender, Report, warnings, cancellationToken);
        }
        if (candidates.Count == 0 && renderFailure is not null)
        {
            throw renderFailure; // nothing else showed a job: why the site's own careers page could not be read
        }

        candidates = await ReadJobPagesAsync(candidates, Report, cancellationToken);
        Report(ScrapeStep.Enriching, $"Enriching {candidates.Count} jobs");
        cancellationToken.ThrowIfCancellationRequested();
        return new SiteScrape(enricher.Enrich(candidates, company), warnings.Distinct(StringComparer.Ordinal).ToList());
    }

    // Each job's own page, for what the list left out: at most Scraping:Http:MaxJobPages of them, a few
    // at a time (the fetcher keeps to each site's politeness and address rules). An ATS API's list has
    // everything already (an ATS's HTML list does not); a page that fails leaves its job as the list gave it.
    private async Task<IReadOnlyList<JobCandidate>> ReadJobPagesAsync(IReadOnlyList<JobCandidate> jobs, Action<ScrapeStep, string> report, CancellationToken cancellationToken)
    {
        var wanted = jobs
            .Select((job, index) => (Job: job, Index: index))
            .Where(item => !item.Job.Complete
                           && JobPageReader.IsIncomplete(item.Job)
                           && item.Job.Url != item.Job.SourcePage
                           && WebLink.Absolute(item.Job.Url) is not null)
            .DistinctBy(item => item.Job.Url)
            .Take(_options.MaxJobPages)
            .ToList();
        if (wanted.Count == 0)
        {
            return jobs;
        }
        var read = jobs.ToArray();
        var done = 0;
        report(ScrapeStep.Extracting, $"Reading job pages 0/{wanted.Count}");
        using var slots = new SemaphoreSlim(_options.JobPageConcurrency);
        await Task.WhenAll(wanted.Select(async item =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                // Blocked, refused by robots.txt, an error status: the job stays as the list gave it.
                if ((await fetcher.FetchAsync(new Uri(item.Job.Url), cancellationToken)).Value is { Document: { } document } page)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    read[item.Index] = JobPageReader.Merge(item.Job, JobPageReader.Read(document, page.Url, item.Job.Title));
                }
            }
            finally
            {
                slots.Release();
            }
            report(ScrapeStep.Extracting, $"Reading job pages {Interlocked.Increment(ref done)}/{wanted.Count}");
        }));
        return read;
    }

    // A list's jobs, and those of the pages after it ("Next", rel=next, the next page number): at most
    // Scraping:Http:MaxListPages pages, on the same host, until a page adds nothing new.
    private async Task<IReadOnlyList<JobCandidate>> ExtractListAsync(FetchedPage first, Action<ScrapeStep, string> report, List<string> warnings, CancellationToken cancellationToken)
    {
        var jobs = (await ExtractAsync(first, report, warnings, cancellationToken)).ToList();
        if (jobs.Count == 0)
        {
            return await ExtractFramesAsync(first, report, warnings, cancellationToken);
        }
        if (jobs.Any(job => job.Source == ExtractionSource.AtsApi))
        {
            return jobs;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { first.Url.AbsoluteUri };
        var page = first;
        for (var pages = 1; pages < _options.MaxListPages && ListPagination.Next(page.Document!, page.Url) is { } next && seen.Add(next.AbsoluteUri); pages++)
        {
            report(ScrapeStep.Fetching, $"Fetching the next page of the list, {next}");
            var nextPage = await fetcher.FetchAsync(next, cancellationToken);
            if (nextPage.Value is not { Document: not null } fetched)
            {
                // The list ends where its next page cannot be had, and the result says so.
                warnings.Add($"page {pages + 1} of the list on {first.Url} could not be read ({(nextPage.Value is null ? nextPage.Why : "not an HTML page")}); the jobs of the pages before it are kept");
                break;
            }
            var known = jobs.Select(job => job.Url).ToHashSet(StringComparer.Ordinal);
            var added = (await ExtractAsync(fetched, report, warnings, cancellationToken)).Where(job => known.Add(job.Url)).ToList();
            if (added.Count == 0)
            {
                break;
            }
            jobs.AddRange(added);
            page = fetched;
        }
        return jobs;
    }

    // A board embedded by iframe from a host no ATS pattern knows: the frame's page is read as a page
    // of its own (the first two frames; the same fetcher rules apply).
    private async Task<IReadOnlyList<JobCandidate>> ExtractFramesAsync(FetchedPage page, Action<ScrapeStep, string> report, List<string> warnings, CancellationToken cancellationToken)
    {
        var frames = page.Document!.QuerySelectorAll("iframe[src]")
            .Select(frame => WebLink.Resolve(page.Url, frame.GetAttribute("src")))
            .OfType<Uri>()
            .Where(url => url.GetLeftPart(UriPartial.Query) != page.Url.GetLeftPart(UriPartial.Query))
            .Distinct()
            .Take(2);
        foreach (var url in frames)
        {
            report(ScrapeStep.Fetching, $"Fetching the embedded frame {url}");
            if ((await fetcher.FetchAsync(url, cancellationToken)).Value is { Document: not null } frame && await ExtractAsync(frame, report, warnings, cancellationToken) is { Count: > 0 } found)
            {
                return found;
            }
        }
        return [];
    }

    private async Task<IReadOnlyList<JobCandidate>> ExtractAsync(FetchedPage page, Action<ScrapeStep, string> report, List<string> warnings, CancellationToken cancellationToken)
    {
        // Every board the page shows (a group's page may embed one per company), through its provider;
        // at most Scraping:Ats:MaxBoardsPerPage of them.
        var fromBoards = new List<JobCandidate>();
        foreach (var board in ats.Detect(page.Document!, page.Url).Concat(ats.Detect(page.Url)).Distinct().Take(_ats.MaxBoardsPerPage))
        {
            report(ScrapeStep.Discovering, $"{page.Url} embeds a {board.Provider.Name} board ({board.Token})");
            var read = await boards.ReadAsync(board, report, cancellationToken);
            fromBoards.AddRange(read.Jobs);
            if (read.Problem is { } problem)
            {
                warnings.Add(problem);
            }
        }
        if (fromBoards.Count > 0)
        {
            return fromBoards.DistinctBy(job => job.Url).ToList();
        }
        // Structured postings (JSON-LD, microdata items with their own links), then data held for the
        // page's scripts; links only where they show more jobs than those (a list with one featured
        // JSON-LD posting is still a list).
        // Each reader is linear in the page, which is capped in size; between them the domain's time
        // limit is checked, so a page that takes long to read ends its domain at the limit.
        cancellationToken.ThrowIfCancellationRequested();
        var found = JsonLdJobReader.Read(page.Document!, page.Url)
            .Concat(JobPageReader.MicrodataPostings(page.Document!, page.Url).Where(job => job.Url != page.Url.AbsoluteUri))
            .ToList();
        cancellationToken.ThrowIfCancellationRequested();
        found = found.Concat(PageDataJobReader.Read(page.Document!, page.Url)).DistinctBy(job => job.Url).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var links = HtmlJobLinkReader.Read(page.Document!, page.Url);
        if (links.Count > found.Count)
        {
            var known = found.Select(job => job.Url).ToHashSet(StringComparer.Ordinal);
            found.AddRange(links.Where(job => known.Add(job.Url)));
        }
        return found.DistinctBy(job => (job.Url, job.Title)).ToList();
    }

    private async Task<IReadOnlyList<JobCandidate>> RenderAsync(IEnumerable<Uri> pages, Action<ScrapeStep, string> report, List<string> warnings, CancellationToken cancellationToken)
    {
        foreach (var url in pages)
        {
            report(ScrapeStep.Fetching, $"Rendering {url} in a browser");
            var page = await renderer.RenderAsync(url, cancellationToken);
            var found = (await ExtractAsync(page, report, warnings, cancellationToken)).ToList();
            // A board embedded by iframe: the frames as the browser rendered them.
            foreach (var frame in page.Frames.Where(frame => frame.Document is not null))
            {
                if (found.Count > 0)
                {
                    break;
                }
                report(ScrapeStep.Extracting, $"Reading the rendered frame {frame.Url}");
                found = (await ExtractAsync(frame, report, warnings, cancellationToken)).ToList();
            }
            found = WithLoadedData(found, page);
            found = found.Select(job => job.Source == ExtractionSource.AtsApi ? job : job with { Source = ExtractionSource.RenderedPage }).ToList();
            report(ScrapeStep.Extracting, $"{found.Count} jobs on the rendered {url}");
            if (found.Count > 0)
            {
                return found;
            }
        }
        return [];
    }

    // The JSON the rendered page fetched to draw its list, read with the page-data reader: a job drawn
    // from it keeps the place, department, type and date the data had (the drawn list often shows only
    // titles and links), matched by its link, else by its title; where the drawn page showed no jobs,
    // the data's jobs are the list.
    private static List<JobCandidate> WithLoadedData(List<JobCandidate> drawn, FetchedPage page)
    {
        var loaded = page.DataAnswers.SelectMany(answer => PageDataJobReader.ReadJson(answer.Json, page.Url)).ToList();
        if (loaded.Count == 0)
        {
            return drawn;
        }
        if (drawn.Count == 0)
        {
            return loaded.DistinctBy(job => job.Url).ToList();
        }
        var byUrl = loaded.GroupBy(job => job.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byTitle = loaded.GroupBy(job => job.Title, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);
        return drawn.Select(job => (byUrl.GetValueOrDefault(job.Url) ?? byTitle.GetValueOrDefault(job.Title)) is { } data
            ? job with
            {
                Location = job.Location ?? data.Location,
                Department = job.Department ?? data.Department,
                EmploymentTypes = job.EmploymentTypes.Count > 0 ? job.EmploymentTypes : data.EmploymentTypes,
                StatedLocationType = job.StatedLocationType ?? data.StatedLocationType,
                PostedAt = job.PostedAt ?? data.PostedAt,
                Summary = job.Summary ?? data.Summary,
                Salary = job.Salary ?? data.Salary,
            }
            : job).ToList();
    }

    // An app shell: a mount point (React, Vue, Next, Nuxt, Svelte, Angular's app-root and ng-version,
    // AngularJS's ng-app, Gatsby) or hardly any text, and scripts to fill it.
    private static bool LooksScriptDriven(IDocument? document)
    {
        if (document?.Body is not { } body || document.QuerySelector("script") is null)
        {
            return false;
        }
        var mountPoint = (body.HasAttribute("ng-app") || body.QuerySelector("#root, #app, #__next, #__nuxt, #svelte, #___gatsby, [data-reactroot], [ng-app], [data-ng-app], [ng-version], app-root, [data-v-app]") is not null);
        return mountPoint || body.TextContent.Trim().Length < 200;
    }

    private string CompanyName(IDocument document, Uri url)
    {
        var siteName = document.QuerySelector("meta[property='og:site_name']")?.GetAttribute("content");
        return TextCleaner.Clean(siteName) ?? careersPages.CompanyName(url);
    }
}
