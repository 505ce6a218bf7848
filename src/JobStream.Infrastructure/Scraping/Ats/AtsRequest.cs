using System.Globalization;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>One call to an ATS: a GET, or a POST with a JSON body (Workday). <paramref name="Page"/> counts from 0.</summary>
public sealed record AtsRequest(Uri Url, string? Body = null, int Page = 0, AtsFormat? Format = null)
{
    /// <summary>The next page, asked by setting one query parameter (an offset, a page number, a start).</summary>
    public AtsRequest NextPage(string parameter, int value)
    {
        var query = System.Web.HttpUtility.ParseQueryString(Url.Query);
        query[parameter] = value.ToString(CultureInfo.InvariantCulture);
        return this with { Url = new UriBuilder(Url) { Query = query.ToString() }.Uri, Page = Page + 1 };
    }
}
