using System.Globalization;
using System.Net;
using System.Reflection;

namespace JobStream.Infrastructure.Scraping.Domains;

/// <summary>
/// The Public Suffix List: which part of a host name is a public suffix (<c>co.uk</c>, <c>github.io</c>)
/// and so which is the registrable domain a site belongs to (<c>acme.co.uk</c> for
/// <c>careers.acme.co.uk</c>). Read from Debian's <c>publicsuffix</c> package where installed (kept
/// current by the system), else from the copy in this assembly. Rules follow publicsuffix.org's
/// algorithm: the longest matching rule wins, wildcards match one label, exceptions override.
/// </summary>
public sealed class PublicSuffixList
{
    public const string SystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private static readonly IdnMapping Idn = new();
    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    public PublicSuffixList(TextReader list)
    {
        ArgumentNullException.ThrowIfNull(list);
        while (list.ReadLine() is { } line)
        {
            var rule = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (rule is null || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            if (rule.StartsWith('!'))
            {
                _exceptions.Add(Ascii(rule[1..]));
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                _wildcards.Add(Ascii(rule[2..]));
            }
            else
            {
                _rules.Add(Ascii(rule));
            }
        }
    }

    /// <summary>How many rules were read: a list that read none is a broken file.</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>The system's list, else the bundled copy.</summary>
    public static PublicSuffixList Load()
    {
        if (File.Exists(SystemPath))
        {
            using var system = File.OpenText(SystemPath);
            var list = new PublicSuffixList(system);
            if (list.Count > 0)
            {
                return list;
            }
        }
        using var bundled = Assembly.GetExecutingAssembly().GetManifestResourceStream("JobStream.Infrastructure.public_suffix_list.dat")
            ?? throw new InvalidOperationException("the bundled public_suffix_list.dat is missing from the assembly");
        using var reader = new StreamReader(bundled);
        return new PublicSuffixList(reader);
    }

    /// <summary>
    /// The registrable domain of <paramref name="host"/> (ASCII, lower case): its public suffix and one
    /// label more. An IP address, or a host that is itself a public suffix, is returned as it is.
    /// </summary>
    public string RegistrableDomain(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0 || IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            return name;
        }
        name = Ascii(name);
        var labels = name.Split('.');
        var suffixLabels = SuffixLabels(labels);
        return suffixLabels >= labels.Length ? name : string.Join('.', labels[^(suffixLabels + 1)..]);
    }

    /// <summary>
    /// Whether two addresses are one site: the same registrable domain (<c>careers.acme.co.uk</c> and
    /// <c>acme.co.uk</c>); for an IP address, the same host and port.
    /// </summary>
    public bool SameSite(Uri url, Uri other)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(other);
        return url.HostNameType != UriHostNameType.Dns
            ? url.Authority.Equals(other.Authority, StringComparison.OrdinalIgnoreCase)
            : RegistrableDomain(url.Host).Equals(RegistrableDomain(other.Host), StringComparison.OrdinalIgnoreCase);
    }

    // How many labels from the right are the public suffix.
    private int SuffixLabels(string[] labels)
    {
        var longest = 1; // the implicit "*" rule: an unknown top-level label is a suffix of its own
        for (var start = 0; start < labels.Length; start++)
        {
            var candidate = string.Join('.', labels[start..]);
            var length = labels.Length - start;
            if (_exceptions.Contains(candidate))
            {
                return length - 1; // an exception: the rule minus its leftmost label
            }
            if (_rules.Contains(candidate))
            {
                longest = Math.Max(longest, length);
            }
            if (start > 0 && _wildcards.Contains(candidate))
            {
                longest = Math.Max(longest, length + 1);
            }
        }
        return longest;
    }

    private static string Ascii(string name)
    {
        try
        {
            return Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return name.ToLowerInvariant();
        }
    }
}
