using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Finds jobs in plain HTML: links whose URL has the shape of a job posting (/jobs/backend-engineer,
/// /careers/123, ?gh_jid=…) and whose text reads like a job title, with location and department taken
/// from the markup around them.
/// </summary>
public static partial class HtmlJobLinkReader
{
    public static IReadOnlyList<JobCandidate> Read(IDocument document, Uri pageUrl)
    {
        var jobs = new List<JobCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (!Uri.TryCreate(pageUrl, anchor.GetAttribute("href")!.Trim(), out var url)
                || url.Scheme is not ("http" or "https")
                || !LooksLikeJobUrl(url, pageUrl))
            {
                continue;
            }
            var title = TitleOf(anchor);
            if (title is null || !seen.Add(url.GetLeftPart(UriPartial.Query)))
            {
                continue;
            }
            var container = anchor.Closest("li, article, tr, [class*='job'], [class*='position'], [class*='opening']") ?? anchor.ParentElement;
            jobs.Add(new JobCandidate
            {
                Title = title,
                Url = url.AbsoluteUri,
                Source = ExtractionSource.Html,
                SourcePage = pageUrl.AbsoluteUri,
                Location = TextOf(container, "[class*='location' i], [data-location]"),
                Department = TextOf(container, "[class*='department' i], [class*='team' i], [data-department]") ?? SectionHeading(anchor),
                EmploymentTypes = TextOf(container, "[class*='type' i], [class*='commitment' i]") is { } type ? [type] : [],
            });
        }
        return jobs;
    }

    private static bool LooksLikeJobUrl(Uri url, Uri pageUrl)
    {
        if (JobQuery().IsMatch(url.Query))
        {
            return true;
        }
        var path = url.AbsolutePath.TrimEnd('/');
        return path.Length > 0
               && !string.Equals(path, pageUrl.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
               && JobPath().IsMatch(path);
    }

    private static string? TitleOf(IElement anchor)
    {
        var titled = anchor.QuerySelector("h1, h2, h3, h4, h5, [class*='title' i], [class*='name' i]");
        var text = TextCleaner.Clean(titled?.TextContent ?? anchor.GetAttribute("title") ?? anchor.TextContent);
        if (text is null && anchor.GetAttribute("aria-label") is { } label)
        {
            text = TextCleaner.Clean(label);
        }
        return text is { Length: >= 3 and <= 150 } && !NotATitle().IsMatch(text) ? text : null;
    }

    private static string? TextOf(IElement? container, string selector) =>
        container?.QuerySelector(selector) is { } element ? TextCleaner.Clean(element.TextContent) : null;

    // The nearest heading before the job's list, as in <h2>Engineering</h2><ul><li><a…>.
    private static string? SectionHeading(IElement anchor)
    {
        for (var node = anchor.Closest("ul, ol, table, section, div"); node is not null; node = node.ParentElement)
        {
            for (var sibling = node.PreviousElementSibling; sibling is not null; sibling = sibling.PreviousElementSibling)
            {
                if (sibling.LocalName is "h2" or "h3" or "h4")
                {
                    var heading = TextCleaner.Clean(sibling.TextContent);
                    return heading is { Length: <= 60 } && !NotATitle().IsMatch(heading) ? heading : null;
                }
            }
            if (node.LocalName is "section" or "main" or "body")
            {
                break;
            }
        }
        return null;
    }

    [GeneratedRegex(@"(^|/)(jobs?|careers?|positions?|openings?|vacanc(y|ies)|opportunities|roles?|postings?|stellen(angebote)?|offres?|empleos?)/[^/]*[a-z0-9][^/]*(/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex JobPath();

    [GeneratedRegex(@"(^|[?&])(gh_jid|jobid|job_id|jid|posting_id|req(uisition)?_?id)=", RegexOptions.IgnoreCase)]
    private static partial Regex JobQuery();

    // Navigation and call-to-action texts that point at job pages without being a job.
    [GeneratedRegex(@"^(all |view |see |browse |explore |search |open |current |our )?(jobs?|careers?|positions?|openings?|opportunities|roles?|vacancies)( at .*)?$|^(apply( now)?|learn more|read more|details|more|next|previous|back|home|view all.*|see all.*|join us|work with us)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotATitle();
}
