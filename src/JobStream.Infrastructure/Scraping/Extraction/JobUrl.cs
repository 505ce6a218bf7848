namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// A job's URL as it is kept and shown: without what only tracks a visit. Removed from the query are
/// <c>utm_*</c> and the ad networks' click ids (gclid, fbclid, msclkid, mailchimp's and HubSpot's),
/// parameters a board's template filled with nothing (<c>feedId=null</c>, <c>=undefined</c>), and empty
/// pieces such as a stray trailing <c>&amp;</c>; the rest keeps its order and its encoding, and the
/// fragment (single-page boards route by it) stays.
/// </summary>
public static class JobUrl
{
    private static readonly HashSet<string> Trackers = new(StringComparer.OrdinalIgnoreCase)
    {
        "gclid", "gbraid", "wbraid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "_ga", "_gl",
    };

    public static string Clean(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // A "?" after the "#" belongs to the fragment, not the query.
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var query = hash < 0 ? url.IndexOf('?', StringComparison.Ordinal) : url.IndexOf('?', 0, hash);
        if (query < 0)
        {
            return url;
        }
        var fragment = hash < 0 ? "" : url[hash..];
        var parameters = (hash < 0 ? url[(query + 1)..] : url[(query + 1)..hash])
            .Split('&')
            .Where(Keeps)
            .ToList();
        return url[..query] + (parameters.Count == 0 ? "" : "?" + string.Join('&', parameters)) + fragment;
    }

    private static bool Keeps(string parameter)
    {
        if (parameter.Length == 0)
        {
            return false;
        }
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString(equals < 0 ? parameter : parameter[..equals]);
        var value = equals < 0 ? "" : Uri.UnescapeDataString(parameter[(equals + 1)..]);
        return !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
            && !Trackers.Contains(name)
            && value is not ("null" or "undefined");
    }
}
