namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// The rules of one robots.txt for one user agent (RFC 9309): the group naming the agent, else the
/// "*" group; the longest matching Allow or Disallow wins, Allow on a tie; "*" and "$" patterns.
/// Patterns are kept as text and matched segment by segment, never compiled: a file of many rules
/// costs about its own size, and no rule can make a match backtrack.
/// </summary>
public sealed class RobotsRules
{
    /// <summary>What is read of a robots.txt, as Google reads it (RFC 9309 asks for at least 500 KiB); the rest is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    public static readonly RobotsRules AllowAll = new([]);

    /// <summary>Why nothing may be fetched when robots.txt itself could not be read; null for rules a site wrote.</summary>
    public string? Unavailable { get; private init; }

    /// <summary>RFC 9309: when the server fails to give its robots.txt (5xx), crawl nothing.</summary>
    public static RobotsRules Unreadable(int status) => new([Rule.Of(allow: false, "/")])
    {
        Unavailable = $"its robots.txt could not be read (HTTP {status}), and until it can nothing may be crawled",
    };

    private readonly IReadOnlyList<Rule> _rules;

    private RobotsRules(IReadOnlyList<Rule> rules, IReadOnlyList<Uri>? sitemaps = null)
    {
        _rules = rules;
        Sitemaps = sitemaps ?? [];
        ApproximateBytes = 64 + rules.Sum(rule => rule.ApproximateBytes) + Sitemaps.Sum(sitemap => 64 + (2 * sitemap.OriginalString.Length));
    }

    /// <summary>The sitemaps the file names (Sitemap: lines, which belong to no group).</summary>
    public IReadOnlyList<Uri> Sitemaps { get; }

    /// <summary>About how much memory these rules hold, for the cache's budget.</summary>
    public long ApproximateBytes { get; }

    public static RobotsRules Parse(string text, string userAgentToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(userAgentToken);
        var groups = new List<(List<string> Agents, List<(bool Allow, string Path)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        var sitemaps = new List<Uri>();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var comment = raw.IndexOf('#');
            var line = (comment >= 0 ? raw[..comment] : raw).Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var field = line[..colon].Trim().ToString().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim().ToString();
            if (field == "sitemap")
            {
                if (Extraction.WebLink.Absolute(value) is { } sitemap)
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
        return new RobotsRules(chosen.SelectMany(g => g.Rules).Select(r => Rule.Of(r.Allow, r.Path)).ToList(), sitemaps);
    }

    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.PathAndQuery;
        Rule? best = null;
        foreach (var rule in _rules)
        {
            if ((best is null || rule.Length > best.Length || (rule.Length == best.Length && rule.Allow && !best.Allow)) && rule.Matches(path))
            {
                best = rule;
            }
        }
        return best is null || best.Allow;
    }

    /// <summary>
    /// One Allow or Disallow: the pattern cut at its "*"s, and whether "$" ends it. Each piece is found
    /// at the earliest place after the one before (which is right for "*" patterns), so a match costs
    /// a few searches of the path, whatever the pattern.
    /// </summary>
    private sealed record Rule(bool Allow, string[] Pieces, bool Anchored, int Length)
    {
        public long ApproximateBytes => 48 + (24 * Pieces.Length) + Pieces.Sum(piece => 24L + (2 * piece.Length));

        public static Rule Of(bool allow, string pattern)
        {
            var anchored = pattern.EndsWith('$');
            return new Rule(allow, (anchored ? pattern[..^1] : pattern).Split('*'), anchored, pattern.Length);
        }

        public bool Matches(string path)
        {
            var first = Pieces[0];
            if (!path.StartsWith(first, StringComparison.Ordinal))
            {
                return false;
            }
            if (Pieces.Length == 1)
            {
                return !Anchored || path.Length == first.Length;
            }
            var at = first.Length;
            for (var i = 1; i < Pieces.Length - 1; i++)
            {
                var found = path.IndexOf(Pieces[i], at, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }
                at = found + Pieces[i].Length;
            }
            var last = Pieces[^1];
            return Anchored
                ? path.Length - last.Length >= at && path.EndsWith(last, StringComparison.Ordinal)
                : path.IndexOf(last, at, StringComparison.Ordinal) >= 0;
        }
    }
}
