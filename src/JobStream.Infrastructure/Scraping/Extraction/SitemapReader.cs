using System.Xml;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// The entries a sitemap lists (each &lt;url&gt; or &lt;sitemap&gt;: its &lt;loc&gt; and &lt;lastmod&gt;), read
/// in one pass by an XML reader: no DTD, no entities from outside, at most <see cref="MaxLocations"/>
/// entries, cancellable. A sitemap that breaks off or turns malformed gives the entries before the break.
/// </summary>
public static class SitemapReader
{
    /// <summary>The sitemap protocol's own limit for one file.</summary>
    public const int MaxLocations = 50_000;

    public static (IReadOnlyList<SitemapEntry> Entries, bool IsIndex) Read(string xml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var entries = new List<SitemapEntry>();
        var isIndex = false;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        Uri? location = null;
        string? lastModified = null;
        void Close()
        {
            if (location is not null && entries.Count < MaxLocations)
            {
                entries.Add(new SitemapEntry(location, lastModified));
            }
            location = null;
            lastModified = null;
        }
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var nodes = 0;
            reader.Read();
            while (entries.Count < MaxLocations && !reader.EOF)
            {
                if (++nodes % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    isIndex = reader.LocalName.Equals("sitemapindex", StringComparison.OrdinalIgnoreCase);
                }
                else if (reader.Depth == 1 && reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement)
                {
                    Close(); // an entry ends where the next begins, or at its own end
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName.Equals("loc", StringComparison.OrdinalIgnoreCase))
                {
                    location = WebLink.Absolute(reader.ReadElementContentAsString());
                    continue; // the reader stands on what follows the element
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName.Equals("lastmod", StringComparison.OrdinalIgnoreCase))
                {
                    lastModified = reader.ReadElementContentAsString().Trim() is { Length: > 0 } stated ? stated : null;
                    continue;
                }
                reader.Read();
            }
        }
        catch (XmlException)
        {
            // Malformed from here on: what came before it stands.
        }
        Close();
        return (entries, isIndex);
    }
}
