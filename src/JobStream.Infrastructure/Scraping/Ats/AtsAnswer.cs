using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>How an ATS answers: JSON (most), an XML or RSS feed, or an HTML list page.</summary>
public enum AtsFormat
{
    Json,
    Xml,
    Html,
}

/// <summary>One answer from an ATS, in the provider's <see cref="AtsFormat"/>: exactly one of the documents is set.</summary>
public sealed record AtsAnswer(Uri Url, JsonElement Json = default, XDocument? Xml = null, IDocument? Html = null)
{
    public static AtsAnswer FromJson(Uri url, JsonElement json) => new(url, Json: json);

    public static AtsAnswer FromXml(Uri url, XDocument xml) => new(url, Xml: xml);

    public static AtsAnswer FromHtml(Uri url, IDocument html) => new(url, Html: html);
}
