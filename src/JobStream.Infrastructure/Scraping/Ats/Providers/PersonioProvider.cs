using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Personio: the XML feed (<c>&lt;workzag-jobs&gt;&lt;position&gt;…</c>), one job per position, its page at
/// <c>/job/{id}</c> on the company's board, every office it names, its schedule before its contract type.
/// </summary>
public sealed partial class PersonioProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Xml;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Personio"] = "https://{token}.jobs.personio.de/xml",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Personio"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        // Each position's page is on the company's board, on the Personio domain the feed was asked on.
        var domain = answer.Url.Host.EndsWith(".personio.com", StringComparison.OrdinalIgnoreCase) ? "com" : "de";
        var origin = new Uri($"https://{board.Token}.jobs.personio.{domain}");
        foreach (var position in answer.Xml?.Descendants("position") ?? [])
        {
            if (Value(position, "id") is not { } id)
            {
                continue;
            }
            var description = string.Join(" ", position.Element("jobDescriptions")?.Elements("jobDescription").Select(d => $"<p>{d.Element("value")?.Value}</p>") ?? []);
            if (Candidate(
                    Value(position, "name"), new Uri(origin, $"/job/{Uri.EscapeDataString(id)}").AbsoluteUri, answer.Url,
                    company: Value(position, "subcompany"),
                    summary: description,
                    location: Places(new[] { Value(position, "office") }.Concat(position.Element("additionalOffices")?.Elements("office").Select(o => o.Value) ?? [])),
                    department: Value(position, "department") ?? Value(position, "recruitingCategory"),
                    // "full-time" / "part-time" says more than "permanent", which says more than nothing.
                    employment: [Value(position, "schedule"), Value(position, "employmentType")],
                    postedAt: Value(position, "createdAt") is { } created
                              && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
                    id: id) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    private static string? Value(XElement position, string name) =>
        position.Element(name)?.Value is { Length: > 0 } value ? value.Trim() : null;

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.jobs\.personio\.(?:de|com)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
