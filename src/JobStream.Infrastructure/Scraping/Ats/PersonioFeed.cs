using System.Globalization;
using System.Xml.Linq;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Reads Personio's XML feed (<c>&lt;workzag-jobs&gt;&lt;position&gt;…</c>): one job per position, its page
/// at <c>/job/{id}</c> on the company's board, every office it names, its schedule and employment type,
/// and its description sections.
/// </summary>
public static class PersonioFeed
{
    public static IReadOnlyList<JobCandidate> Parse(XDocument feed, AtsBoard board, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(feedUrl);
        var jobs = new List<JobCandidate>();
        foreach (var position in feed.Descendants("position"))
        {
            var title = TextCleaner.Clean(Value(position, "name"));
            var id = Value(position, "id");
            if (title is null || id is null)
            {
                continue;
            }
            var offices = new[] { Value(position, "office") }
                .Concat(position.Element("additionalOffices")?.Elements("office").Select(o => o.Value) ?? [])
                .Select(TextCleaner.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var description = string.Join(" ", position.Element("jobDescriptions")?.Elements("jobDescription")
                .Select(d => $"<p>{d.Element("value")?.Value}</p>") ?? []);
            jobs.Add(new JobCandidate
            {
                Title = title,
                Url = new Uri(new Uri(feedUrl.GetLeftPart(UriPartial.Authority)), $"/job/{Uri.EscapeDataString(id)}").AbsoluteUri,
                Source = ExtractionSource.AtsApi,
                SourcePage = feedUrl.AbsoluteUri,
                Company = TextCleaner.Clean(Value(position, "subcompany")),
                Summary = TextCleaner.Summarize(description),
                Location = offices.Count == 0 ? null : string.Join("; ", offices),
                Department = TextCleaner.Clean(Value(position, "department") ?? Value(position, "recruitingCategory")),
                // "full-time" / "part-time" says more than "permanent", which says more than nothing.
                EmploymentTypes = new[] { Value(position, "schedule"), Value(position, "employmentType") }.Select(TextCleaner.Clean).OfType<string>().ToList(),
                PostedAt = Value(position, "createdAt") is { } created
                           && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
            });
        }
        return jobs;
    }

    private static string? Value(XElement position, string name) =>
        position.Element(name)?.Value is { Length: > 0 } value ? value.Trim() : null;
}
