using System.Text.RegularExpressions;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// The rules of one robots.txt for one user agent (RFC 9309): the group naming the agent, else the
/// "*" group; the longest matching Allow or Disallow wins, Allow on a tie; "*" and "$" patterns.
/// </summary>
public sealed class RobotsRules
{
    public static readonly RobotsRules AllowAll = new([]);

    /// <summary>Why nothing may be fetched when robots.txt itself could not be read; null for rules a site wrote.</summary>
    public string? Unavailable { get; private init; }

    /// <summary>RFC 9309: when the server fails to give its robots.txt (5xx), crawl nothing.</summary>
    public static RobotsRules Unreadable(int status) => new([(false, new Regex("^/", RegexOptions.None, TimeSpan.FromMilliseconds(100)), 1)])
    {
        Unavailable = $"its robots.txt could not be read (HTTP {status}), and until it can nothing may be crawled",
    };

    private readonly IReadOnlyList<(bool Allow, Regex Pattern, int Length)> _rules;

    private RobotsRules(IReadOnlyList<(bool Allow, Regex Pattern, int Length)> rules, IReadOnlyList<Uri>? sitemaps = null)
    {
        _rules = rules;
        Sitemaps = sitemaps ?? [];
    }

    /// <summary>The sitemaps the file names (Sitemap: lines, which belong to no group).</summary>
    public IReadOnlyList<Uri> Sitemaps { get; }

    public static RobotsRules Parse(string text, string userAgentToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<(List<string> Agents, List<(bool Allow, string Path)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        var sitemaps = new List<Uri>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (field == "sitemap")
            {
                if (Uri.TryCreate(value, UriKind.Absolute, out var sitemap) && sitemap.Scheme is "http" or "https")
                {
                    sitemaps.Add(sitemap);
                }
                continue;
            }
            if (field == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
            }
            else if (field is "allow" or "disallow" && current is not null)
            {
                lastWasAgent = false;
                if (value.Length > 0)
                {
                    current.Value.Rules.Add((field == "allow", value));
                }
            }
            else
            {
                lastWasAgent = false;
            }
        }

        var token = userAgentToken.ToLowerInvariant();
        var chosen = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (chosen.Count == 0)
        {
            chosen = groups.Where(g => g.Agents.Contains("*")).ToList();
        }
        return new RobotsRules(
            chosen.SelectMany(g => g.Rules).Select(r => (r.Allow, ToRegex(r.Path), r.Path.Length)).ToList(),
            sitemaps);
    }

    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.PathAndQuery;
        var best = _rules.Where(r => r.Pattern.IsMatch(path)).OrderByDescending(r => r.Length).ThenByDescending(r => r.Allow).FirstOrDefault();
        return best.Pattern is null || best.Allow;
    }

    private static Regex ToRegex(string path)
    {
        var anchored = path.EndsWith('$');
        var body = Regex.Escape(anchored ? path[..^1] : path).Replace(@"\*", ".*", StringComparison.Ordinal);
        return new Regex("^" + body + (anchored ? "$" : ""), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
