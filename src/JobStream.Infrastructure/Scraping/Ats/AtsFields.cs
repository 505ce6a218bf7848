using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Reading the fields of ATS answers the way real ones need: empty strings as missing (Workable),
/// numbers where strings were expected, several date shapes, workplace words in several spellings; and
/// turning them into a <see cref="JobCandidate"/> with clean text.
/// </summary>
public static class AtsFields
{
    public static IEnumerable<JsonElement> Items(JsonElement element, string? property = null)
    {
        var list = property is null ? element : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var p) ? p : default;
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }

    public static JsonElement Child(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value : default;

    /// <summary>A string, or null for a missing, null or blank value; a number as its text.</summary>
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when value.GetString()!.Trim().Length > 0 => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static int? Number(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public static long? Whole(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public static bool? Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>ISO 8601, date-only, and "2026-10-06 12:30:35 UTC" (Recruitee).</summary>
    public static DateTimeOffset? Date(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = value.EndsWith(" UTC", StringComparison.Ordinal) ? value[..^4] + "Z" : value;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>"remote", "HYBRID", "on_site", "On-site", "in_office": the workplace a field states.</summary>
    public static LocationType? Workplace(string? value) => value?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "REMOTE" or "FULLYREMOTE" => LocationType.Remote,
        "HYBRID" => LocationType.Hybrid,
        "ONSITE" or "INOFFICE" or "OFFICE" or "INPERSON" => LocationType.Onsite,
        _ => null,
    };

    /// <summary>
    /// The trimmed text of <paramref name="parent"/>'s first child element named <paramref name="localName"/>
    /// in whatever namespace (a feed's own elements: <c>tt:department</c>, <c>joblisting:location</c>); null
    /// when there is none or it is blank.
    /// </summary>
    public static string? ElementText(XElement parent, string localName)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>Places joined by "; ", each once; null when there are none.</summary>
    public static string? Places(IEnumerable<string?> places) =>
        string.Join("; ", places.Select(TextCleaner.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)) is { Length: > 0 } joined ? joined : null;

    /// <summary>A job from an ATS, or null without a title or an absolute http(s) link; <paramref name="id"/> is the ATS's own id of it.</summary>
    public static JobCandidate? Candidate(
        string? title, string? url, Uri source,
        string? company = null, string? summary = null, string? location = null, string? department = null,
        IEnumerable<string?>? employment = null, LocationType? stated = null, DateTimeOffset? postedAt = null, string? salary = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cleanTitle = TextCleaner.Clean(title);
        if (cleanTitle is null || WebLink.Resolve(source, url) is not { } absolute)
        {
            return null;
        }
        return new JobCandidate
        {
            Title = cleanTitle,
            Url = absolute.AbsoluteUri,
            Source = ExtractionSource.AtsApi,
            SourcePage = source.AbsoluteUri,
            Company = TextCleaner.Clean(company),
            Summary = TextCleaner.Summarize(summary),
            Location = TextCleaner.Clean(location),
            Department = TextCleaner.Clean(department),
            EmploymentTypes = (employment ?? []).Select(TextCleaner.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            StatedLocationType = stated,
            PostedAt = postedAt,
            Salary = TextCleaner.Clean(salary),
            AtsId = id?.Trim() is { Length: > 0 } given ? given : null,
        };
    }
}
