using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Reads a job's own page, where Google asks sites to put the posting's structured data: JobPosting
/// JSON-LD, else schema.org microdata, for location, employment type, department, date, salary and
/// description; OpenGraph's description; and the page's own words (labelled fields such as
/// "Location:" or "Standort", the main text for a summary). <see cref="Merge"/> lays it over what the
/// list said: structured data wins over the list, and the list over the page's loose text.
/// </summary>
public static partial class JobPageReader
{
    private static readonly string[] AddressParts = ["addressLocality", "addressRegion", "addressCountry"];

    /// <summary>What one job page says, structured (JSON-LD or microdata) and as text.</summary>
    public sealed record Details(JobCandidate? Structured, string? Location, string? Department, string? EmploymentType, string? Summary);

    public static Details Read(IDocument document, Uri pageUrl, string title)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(title);
        var postings = JsonLdJobReader.Read(document, pageUrl);
        var structured = postings.FirstOrDefault(p => string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase))
                         ?? (postings.Count > 0 ? postings[0] : null)
                         ?? (MicrodataPostings(document, pageUrl) is [var first, ..] ? first : null);
        var summary = TextCleaner.Summarize(document.QuerySelector("meta[property='og:description'], meta[name='description']")?.GetAttribute("content"))
                      ?? MainText(document);
        return new Details(structured, Labelled(document, Field.Location), Labelled(document, Field.Department), Labelled(document, Field.EmploymentType), summary);
    }

    /// <summary>The list's candidate with what its page adds: structured data first, then the list's, then the page's text.</summary>
    public static JobCandidate Merge(JobCandidate listed, Details page)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(page);
        var structured = page.Structured;
        return listed with
        {
            Source = structured?.Source == ExtractionSource.JsonLd && listed.Source == ExtractionSource.Html ? ExtractionSource.JsonLd : listed.Source,
            Company = listed.Company ?? structured?.Company,
            Location = structured?.Location ?? listed.Location ?? page.Location,
            Department = structured?.Department ?? listed.Department ?? page.Department,
            EmploymentTypes = structured?.EmploymentTypes is { Count: > 0 } stated ? stated
                : listed.EmploymentTypes.Count > 0 ? listed.EmploymentTypes
                : page.EmploymentType is { } type ? [type] : [],
            StatedLocationType = structured?.StatedLocationType ?? listed.StatedLocationType,
            PostedAt = structured?.PostedAt ?? listed.PostedAt,
            Salary = structured?.Salary ?? listed.Salary,
            Summary = structured?.Summary ?? listed.Summary ?? page.Summary,
        };
    }

    /// <summary>Whether the list left out something a job page may give.</summary>
    public static bool IsIncomplete(JobCandidate job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Location is null || job.EmploymentTypes.Count == 0 || job.Summary is null || job.PostedAt is null;
    }

    /// <summary>
    /// Every schema.org JobPosting in the page's microdata (a job page's own, or one per item of a list),
    /// each at its itemprop url where it names one, else at the page.
    /// </summary>
    public static IReadOnlyList<JobCandidate> MicrodataPostings(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.QuerySelectorAll("[itemtype*='schema.org/JobPosting' i]")
            .Select(posting => Microdata(posting, pageUrl))
            .OfType<JobCandidate>()
            .DistinctBy(job => job.Url)
            .ToList();
    }

    private static JobCandidate? Microdata(IElement posting, Uri pageUrl)
    {
        string? Prop(IElement scope, string name)
        {
            var element = scope.QuerySelector($"[itemprop~='{name}']");
            return element is null ? null : TextCleaner.Clean(element.GetAttribute("content") ?? element.GetAttribute("datetime") ?? element.TextContent);
        }
        var title = Prop(posting, "title");
        if (title is null)
        {
            return null;
        }
        var place = posting.QuerySelector("[itemprop~='jobLocation']");
        var location = place is null ? null
            : string.Join(", ", AddressParts.Select(part => Prop(place, part)).OfType<string>().Distinct()) is { Length: > 0 } parts ? parts
            : TextCleaner.Clean(place.TextContent);
        var salary = posting.QuerySelector("[itemprop~='baseSalary']") is { } pay
            ? JoinSalary(Prop(pay, "currency"), Prop(pay, "minValue"), Prop(pay, "maxValue"), Prop(pay, "value"), Prop(pay, "unitText"))
            : null;
        var link = posting.QuerySelector("[itemprop~='url']");
        var href = link?.GetAttribute("href") ?? link?.GetAttribute("content");
        var url = WebLink.Resolve(pageUrl, href) ?? pageUrl;
        return new JobCandidate
        {
            Title = title,
            Url = url.AbsoluteUri,
            Source = ExtractionSource.Html,
            SourcePage = pageUrl.AbsoluteUri,
            Company = posting.QuerySelector("[itemprop~='hiringOrganization']") is { } org ? Prop(org, "name") ?? TextCleaner.Clean(org.TextContent) : null,
            Summary = TextCleaner.Summarize(posting.QuerySelector("[itemprop~='description']")?.InnerHtml),
            Location = location,
            Department = Prop(posting, "occupationalCategory") ?? Prop(posting, "department"),
            EmploymentTypes = posting.QuerySelectorAll("[itemprop~='employmentType']").Select(e => TextCleaner.Clean(e.GetAttribute("content") ?? e.TextContent)).OfType<string>().ToList(),
            StatedLocationType = Prop(posting, "jobLocationType") is { } type && type.Contains("TELECOMMUTE", StringComparison.OrdinalIgnoreCase) ? LocationType.Remote : null,
            PostedAt = Prop(posting, "datePosted") is { } posted && DateTimeOffset.TryParse(posted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
            Salary = salary,
        };
    }

    /// <summary>"EUR 60000–80000 per YEAR" from schema.org's MonetaryAmount parts; null without an amount.</summary>
    internal static string? JoinSalary(string? currency, string? min, string? max, string? value, string? unit)
    {
        var amount = min is not null && max is not null ? $"{min}–{max}" : min ?? max ?? value;
        if (amount is null)
        {
            return null;
        }
        var text = currency is null ? amount : $"{currency} {amount}";
        return unit is null ? text : $"{text} per {unit.ToLowerInvariant()}";
    }

    /// <summary>The fields a page or a list item may label in words.</summary>
    public enum Field
    {
        Location,
        Department,
        EmploymentType,
    }

    /// <summary>True where a column heading or a label names the field ("Standort", "Job type"…).</summary>
    public static bool Names(Field field, string text) => LabelOf(field).IsMatch(text.Trim());

    /// <summary>
    /// The value of a labelled field within <paramref name="scope"/>: <c>&lt;dt&gt;Location&lt;/dt&gt;&lt;dd&gt;…</c>,
    /// <c>&lt;strong&gt;Location:&lt;/strong&gt; …</c>, <c>&lt;span&gt;Standort&lt;/span&gt;&lt;span&gt;…</c>.
    /// </summary>
    public static string? Labelled(IParentNode scope, Field field)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var label = LabelOf(field);
        foreach (var element in scope.QuerySelectorAll("dt, th, strong, b, label, span, p, li, div"))
        {
            if (element.Children.Length > 2)
            {
                continue;
            }
            var text = element.TextContent.Trim();
            if (text.Length > 80 || label.Match(text) is not { Success: true } match)
            {
                continue;
            }
            // "Location: Berlin", "Lieu – Nantes", or the label alone with its value beside it; a sentence
            // that only begins with the word ("Service orientation and…") is not a label.
            var rest = text[match.Length..].TrimStart(' ', '\u00a0');
            var separated = match.Value.Contains(':', StringComparison.Ordinal) || rest.StartsWith(':') || rest.StartsWith('-') || rest.StartsWith('–');
            if (rest.Length > 0 && !separated)
            {
                continue;
            }
            var inline = TextCleaner.Clean(rest.TrimStart(':', ' ', '\u00a0', '-', '–'));
            var value = inline is { Length: > 1 } ? inline
                : element.NextElementSibling is { } next ? TextCleaner.Clean(next.TextContent)
                : element.NextSibling?.NodeType == NodeType.Text ? TextCleaner.Clean(element.NextSibling.TextContent.TrimStart(':', ' ')) : null;
            if (value is { Length: > 1 and <= 120 })
            {
                return value;
            }
        }
        return null;
    }

    private static Regex LabelOf(Field field) => field switch
    {
        Field.Location => LocationLabel(),
        Field.Department => DepartmentLabel(),
        _ => EmploymentLabel(),
    };

    // The page's main text, without navigation, headers, footers, scripts and forms.
    private static string? MainText(IDocument document)
    {
        var main = document.QuerySelector("main, article, [role='main'], #content, .content") ?? document.Body;
        if (main is null)
        {
            return null;
        }
        var copy = (IElement)main.Clone();
        foreach (var noise in copy.QuerySelectorAll("script, style, noscript, nav, header, footer, form, h1, button, svg").ToList())
        {
            noise.Remove();
        }
        return TextCleaner.Summarize(copy.InnerHtml);
    }

    [GeneratedRegex(@"^(location|locations|job locations?|work locations?|office|standort|arbeitsort|einsatzort|dienstort|lieu|localisation|ubicaci[oó]n|ciudad|sede|luogo|citt[àa]|locatie|standplaats|plaats)\b\s*:?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LocationLabel();

    [GeneratedRegex(@"^(department|team|function|abteilung|bereich|fachbereich|d[ée]partement|service|[ée]quipe|departamento|[áa]rea|reparto|area|afdeling)\b\s*:?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex DepartmentLabel();

    [GeneratedRegex(@"^(employment type|employment|job type|type of employment|contract type|contract|schedule|anstellungsart|anstellung|besch[äa]ftigungsart|vertragsart|arbeitszeit|type de contrat|contrat|tipo de contrato|contrato|jornada|tipo di contratto|contratto|dienstverband)\b\s*:?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex EmploymentLabel();
}
