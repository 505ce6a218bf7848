using System.Xml;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// The page addresses a sitemap lists (its &lt;loc&gt; elements), read in one pass by an XML reader: no
/// DTD, no entities from outside, at most <see cref="MaxLocations"/> addresses, cancellable. A sitemap
/// that breaks off or turns malformed gives the addresses before the break.
/// </summary>
public static class SitemapReader
{
    /// <summary>The sitemap protocol's own limit for one file.</summary>
    public const int MaxLocations = 50_000;

    public static (IReadOnlyList<Uri> Locations, bool IsIndex) Read(string xml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var locations = new List<Uri>();
        var isIndex = false;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var nodes = 0;
            while (locations.Count < MaxLocations && reader.Read())
            {
                if (++nodes % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth == 0)
                {
                    isIndex = reader.LocalName.Equals("sitemapindex", StringComparison.OrdinalIgnoreCase);
                }
                else if (reader.LocalName.Equals("loc", StringComparison.OrdinalIgnoreCase)
                         && WebLink.Absolute(reader.ReadElementContentAsString()) is { } location)
                {
                    locations.Add(location);
                }
            }
        }
        catch (XmlException)
        {
            // Malformed from here on: what came before it stands.
        }
        return (locations, isIndex);
    }
}
