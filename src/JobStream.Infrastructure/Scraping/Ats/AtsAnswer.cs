using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;

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
    private readonly ConcurrentDictionary<string, JsonElement> _scriptValues = new(StringComparer.Ordinal);

    /// <summary>
    /// The literal an HTML answer's scripts assign to <paramref name="name"/> (<c>window.pageData = {…}</c>,
    /// <c>phApp.ddo = {…}</c>), as JSON, parsed once however often a provider asks (its jobs, then its
    /// next page); undefined where there is none.
    /// </summary>
    public JsonElement ScriptValue(string name) =>
        Html is null
            ? default
            : _scriptValues.GetOrAdd(name, key => PageDataJobReader.ScriptValue(Html, key) is { } data ? JsonSerializer.SerializeToElement(data) : default);

    public static AtsAnswer FromJson(Uri url, JsonElement json) => new(url, Json: json);

    public static AtsAnswer FromXml(Uri url, XDocument xml) => new(url, Xml: xml);

    public static AtsAnswer FromHtml(Uri url, IDocument html) => new(url, Html: html);
}
