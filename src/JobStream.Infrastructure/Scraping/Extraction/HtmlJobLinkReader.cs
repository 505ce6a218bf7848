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
            if (WebLink.Resolve(pageUrl, anchor.GetAttribute("href")) is not { } url || !LooksLikeJobUrl(url, pageUrl))
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
                Url = WithoutAnchor(url),
                Source = ExtractionSource.Html,
                SourcePage = pageUrl.AbsoluteUri,
                Location = Context(container, anchor, JobPageReader.Field.Location, "[class*='location' i], [data-location]", "data-location", "data-city")
                           ?? PlaceBeside(container, title) ?? PlaceBeside(anchor, title),
                Department = Context(container, anchor, JobPageReader.Field.Department, "[class*='department' i], [class*='team' i], [data-department]", "data-department", "data-team")
                             ?? SectionHeading(anchor),
                EmploymentTypes = Context(container, anchor, JobPageReader.Field.EmploymentType, "[class*='type' i], [class*='commitment' i]", "data-employment-type", "data-type") is { } type ? [type] : [],
            });
        }
        return jobs;
    }

    // "…/job-opening.php?req=1#job" is the job's page; "/#/jobs/1" (a hash route) is part of its address.
    private static string WithoutAnchor(Uri url) =>
        url.Fragment.Length > 1 && url.Fragment[1] is not ('/' or '!') ? url.GetLeftPart(UriPartial.Query) : url.AbsoluteUri;

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
        container?.QuerySelector(selector) is { } element && element != container ? TextCleaner.Clean(element.TextContent) : null;

    // What the list item around a link says of the job: an element named for it (class="location"), a
    // data attribute, the table column headed for it, or a label in words ("Standort: Hamburg").
    private static string? Context(IElement? container, IElement anchor, JobPageReader.Field field, string selector, params string[] attributes)
    {
        if (container is null)
        {
            return null;
        }
        var fromAttribute = attributes
            .Select(name => container.GetAttribute(name) ?? anchor.GetAttribute(name))
            .Select(TextCleaner.Clean)
            .FirstOrDefault(value => value is not null);
        return TextOf(container, selector)
               ?? fromAttribute
               ?? Column(container, field)
               ?? (container.LocalName == "tr" ? null : JobPageReader.Labelled(container, field));
    }

    // Text beside the title in the job's own item that reads as a place, where nothing names the place
    // ("Remote (EU)", "Lisbon, Portugal - Hybrid", "Austin, TX" in a card a script drew): a workplace word,
    // or capitalised words, a comma, capitalised words. Only in an item that links to one job, so the
    // text is that job's.
    private static string? PlaceBeside(IElement? container, string title)
    {
        if (container is null || container.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            return null;
        }
        return container.Descendants<IElement>()
            .Where(element => element.ChildElementCount == 0)
            .Select(element => TextCleaner.Clean(element.TextContent))
            .FirstOrDefault(text => text is { Length: <= 60 } && text != title && !title.Contains(text, StringComparison.Ordinal)
                                    && (Enrichment.JobVocabulary.Says(text, Enrichment.WordSense.Remote) || Enrichment.JobVocabulary.Says(text, Enrichment.WordSense.Hybrid) || (Place().IsMatch(text) && !DepartmentWord().IsMatch(text))));
    }

    // A table row's cell under the heading that names the field.
    private static string? Column(IElement row, JobPageReader.Field field)
    {
        if (row.LocalName != "tr" || row.Closest("table") is not { } table)
        {
            return null;
        }
        var headings = table.QuerySelector("thead tr") ?? table.QuerySelector("tr:has(th)");
        if (headings is null || headings == row)
        {
            return null;
        }
        var index = headings.Children.ToList().FindIndex(cell => JobPageReader.Names(field, cell.TextContent));
        var cells = row.Children.Where(cell => cell.LocalName is "td" or "th").ToList();
        return index >= 0 && index < cells.Count ? TextCleaner.Clean(cells[index].TextContent) : null;
    }

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

    [GeneratedRegex(@"(^|/)(jobs?|careers?|positions?|openings?|open-roles|vacanc(y|ies)|vacatures?|opportunities|roles?|postings?|stellen(angebote)?|offres?|empleos?|ofertas?|posizion[ei]|offerte)/[^/]*[a-z0-9][^/]*(/|$)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JobPath();

    // ?gh_jid=1, ?jobId=1, ?req=3762934 (HRMDirect's job-opening.php), ?requisitionId=1
    // "Lisbon, Portugal", "Austin, TX", "São Paulo, SP, Brazil", "Frankfurt am Main, Germany": capitalised
    // words (and the small words of place names) around commas; no part a department's name.
    [GeneratedRegex(@"^\p{Lu}[\p{L}.'’-]*( (\p{Lu}[\p{L}.'’-]*|am|an|im|de|da|do|del|la|le|sur|upon|on))*(, \p{Lu}[\p{L}.'’-]*( (\p{Lu}[\p{L}.'’-]*|am|an|im|de|da|do|del|la|le|sur|upon|on))*){1,2}$", RegexOptions.NonBacktracking)]
    private static partial Regex Place();

    [GeneratedRegex(@"\b(Sales|Marketing|Engineering|Design|Product|Finance|Legal|Operations|Support|People|HR|Data|Research|Security|IT)\b", RegexOptions.NonBacktracking)]
    private static partial Regex DepartmentWord();

    [GeneratedRegex(@"(^|[?&])(gh_jid|jobid|job_id|jid|posting_id|req|req(uisition)?_?id)=", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JobQuery();

    // Navigation and call-to-action texts that point at job pages without being a job ("View current job
    // openings" → another site's board is a way to the jobs, not one).
    [GeneratedRegex(@"^((all|view|see|browse|explore|search|open|current|our|latest|available|job|career|the)\s+)*(jobs?|careers?|positions?|openings?|opportunities|roles?|vacancies|listings?|board)( at .*| here| now| on [a-z .]+)?$|^(apply( now)?|learn more|read more|details|more|next( page)?|previous( page)?|back|home|view all.*|see all.*|join us|work with us|weiter|zur[üu]ck|n[äa]chste( seite)?|vorherige( seite)?|suivant(e)?|pr[ée]c[ée]dent(e)?|siguiente|anterior|avanti|indietro|volgende|vorige|load more|show more|[0-9]+|[‹«›»<>]+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NotATitle();
}
