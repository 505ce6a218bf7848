using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

public sealed class TextCleanerTests
{
    [TestCase("Softwareentwickler:in \"Backend\" &lt;Go&gt;", "Softwareentwickler:in \"Backend\" <Go>")]
    [TestCase("Softwareentwickler:in \"Backend\" <Go>", "Softwareentwickler:in \"Backend\" <Go>")] // an element's text, decoded already
    [TestCase("<b>Senior</b> Engineer &amp; Lead", "Senior Engineer & Lead")]
    [TestCase("C++ &lt;Embedded&gt; &amp;amp; Rust", "C++ <Embedded> & Rust")]
    [TestCase("  Data\u00a0Engineer\r\n(m/w/d)  ", "Data Engineer (m/w/d)")]
    public void A_title_keeps_text_that_only_looks_like_a_tag(string raw, string clean)
    {
        Assert.That(TextCleaner.Clean(raw), Is.EqualTo(clean));
    }

    [Test]
    public void A_description_loses_its_markup_escaped_or_not_and_keeps_its_text()
    {
        Assert.That(TextCleaner.Summarize("<p>We use <strong>Go</strong> &amp; Kafka.</p>"), Is.EqualTo("We use Go & Kafka."));
        Assert.That(TextCleaner.Summarize("&lt;p&gt;Pipelines &amp;amp; platforms&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Spark&lt;/li&gt;&lt;/ul&gt;"), Is.EqualTo("Pipelines & platforms Spark"));
        Assert.That(TextCleaner.Summarize("<p>Generics: List&lt;T&gt; everywhere</p>"), Is.EqualTo("Generics: List<T> everywhere"));
    }
}
