using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>Reads schema.org JobPosting objects from a page's JSON-LD blocks.</summary>
public static class JsonLdJobReader
{
    private const int MaxDepth = 16;
    private static readonly string[] AddressParts = ["addressLocality", "addressRegion"];

    public static IReadOnlyList<JobCandidate> Read(IDocument document, Uri pageUrl, ExtractionSource source = ExtractionSource.JsonLd)
    {
        var jobs = new List<JobCandidate>();
        foreach (var script in document.QuerySelectorAll("script[type]"))
        {
            if (!string.Equals(script.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            using var json = LenientJson.TryParse(script.TextContent);
            if (json is not null)
            {
                Collect(json.RootElement, pageUrl, source, jobs, depth: 0);
            }
        }
        return jobs;
    }

    private static void Collect(JsonElement element, Uri pageUrl, ExtractionSource source, List<JobCandidate> jobs, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, pageUrl, source, jobs, depth + 1);
                }
                break;
            case JsonValueKind.Object when IsJobPosting(element):
                if (ToCandidate(element, pageUrl, source) is { } job)
                {
                    jobs.Add(job);
                }
                break;
            case JsonValueKind.Object:
                // @graph, ItemList.itemListElement, ListItem.item and other wrappers.
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Collect(property.Value, pageUrl, source, jobs, depth + 1);
                    }
                }
                break;
        }
    }

    /// <summary>One JobPosting object, as a candidate found on <paramref name="pageUrl"/>; null without a title.</summary>
    public static JobCandidate? FromPosting(JsonElement posting, Uri pageUrl) => ToCandidate(posting, pageUrl, ExtractionSource.JsonLd);

    private static bool IsJobPosting(JsonElement element) =>
        element.TryGetProperty("@type", out var type)
        && Strings(type).Any(t => t.EndsWith("JobPosting", StringComparison.OrdinalIgnoreCase));

    private static JobCandidate? ToCandidate(JsonElement posting, Uri pageUrl, ExtractionSource source)
    {
        var title = TextCleaner.Clean(String(posting, "title") ?? String(posting, "name"));
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }

        var url = (WebLink.Resolve(pageUrl, String(posting, "url")) ?? pageUrl).AbsoluteUri;

        var remote = posting.TryGetProperty("jobLocationType", out var locationType)
            && Strings(locationType).Any(t => t.Contains("TELECOMMUTE", StringComparison.OrdinalIgnoreCase));

        return new JobCandidate
        {
            Title = title,
            Url = url,
            Source = source,
            SourcePage = pageUrl.AbsoluteUri,
            Company = posting.TryGetProperty("hiringOrganization", out var org) ? NameOf(org) : null,
            Summary = TextCleaner.Summarize(String(posting, "description")),
            Location = Location(posting, remote),
            Department = TextCleaner.Clean(String(posting, "department") ?? String(posting, "occupationalCategory")),
            EmploymentTypes = posting.TryGetProperty("employmentType", out var employment) ? Strings(employment).ToList() : [],
            StatedLocationType = remote ? LocationType.Remote : null,
            PostedAt = String(posting, "datePosted") is { } posted
                       && DateTimeOffset.TryParse(posted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : null,
            Salary = posting.TryGetProperty("baseSalary", out var salary) ? SalaryOf(salary) : null,
        };
    }

    // {"currency": "EUR", "value": {"minValue": 60000, "maxValue": 80000, "unitText": "YEAR"}}, or a bare amount.
    private static string? SalaryOf(JsonElement salary)
    {
        if (salary.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return TextCleaner.Clean(salary.ToString());
        }
        if (salary.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var value = salary.TryGetProperty("value", out var inner) ? inner : default;
        string? Part(JsonElement scope, string name) =>
            scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var part) && part.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? TextCleaner.Clean(part.ToString())
                : null;
        var amount = value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? TextCleaner.Clean(value.ToString()) : Part(value, "value");
        return JobPageReader.JoinSalary(Part(salary, "currency"), Part(value, "minValue"), Part(value, "maxValue"), amount, Part(value, "unitText") ?? Part(salary, "unitText"));
    }

    private static string? Location(JsonElement posting, bool remote)
    {
        var places = new List<string>();
        if (posting.TryGetProperty("jobLocation", out var location))
        {
            var listed = Items(location)
                .Select(place => place.ValueKind == JsonValueKind.String
                    ? (Name: null, Text: TextCleaner.Clean(place.GetString()))
                    : (Name: place.ValueKind == JsonValueKind.Object ? NameOf(place) : null, Text: PlaceText(place)))
                .Where(place => !string.IsNullOrWhiteSpace(place.Text))
                .ToList();
            // Places named apart whose addresses repeat one another (a posting's addresses copied from
            // its first place, as Meta's are): the names are what the page means.
            var byName = listed.Count > 1
                         && listed.All(place => place.Name is not null)
                         && listed.Select(place => place.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() > listed.Select(place => place.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            foreach (var text in listed.Select(place => byName ? place.Name! : place.Text!))
            {
                if (!places.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    places.Add(text);
                }
            }
        }
        if (remote)
        {
            var where = posting.TryGetProperty("applicantLocationRequirements", out var requirement)
                ? string.Join(", ", Items(requirement).Select(NameOf).OfType<string>().Distinct())
                : "";
            places.Insert(0, where.Length > 0 ? $"Remote ({where})" : "Remote");
        }
        return places.Count == 0 ? null : string.Join("; ", places);
    }

    private static string? PlaceText(JsonElement place)
    {
        if (place.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (!place.TryGetProperty("address", out var address))
        {
            return NameOf(place);
        }
        if (address.ValueKind == JsonValueKind.String)
        {
            return TextCleaner.Clean(address.GetString());
        }
        var parts = AddressParts
            .Select(key => String(address, key))
            .Append(address.TryGetProperty("addressCountry", out var country) ? NameOf(country) : null)
            .Select(TextCleaner.Clean)
            .Where(part => !string.IsNullOrEmpty(part))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return parts.Count == 0 ? NameOf(place) : string.Join(", ", parts);
    }

    // "Acme" or {"name": "Acme"} or {"name": ["USA", "USA"]}.
    private static string? NameOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => TextCleaner.Clean(element.GetString()),
        JsonValueKind.Object when element.TryGetProperty("name", out var name) => Strings(name).Select(TextCleaner.Clean).FirstOrDefault(n => !string.IsNullOrEmpty(n)),
        JsonValueKind.Array => element.EnumerateArray().Select(NameOf).FirstOrDefault(n => !string.IsNullOrEmpty(n)),
        _ => null,
    };

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? Strings(value).FirstOrDefault()
            : null;

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        _ => [],
    };

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];
}
