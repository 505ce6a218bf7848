using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

// Job URLs as boards hand them out (tracking, empty template fields, stray separators) and as they are kept.
public sealed class JobUrlTests
{
    [TestCase("https://jobs.example.com/o/engineer?utm_source=linkedin&utm_medium=jobs", "https://jobs.example.com/o/engineer")]
    [TestCase("https://jobs.example.com/o/engineer?id=42&feedId=null&", "https://jobs.example.com/o/engineer?id=42")]
    [TestCase("https://jobs.example.com/job?gh_jid=123&gclid=abc&lang=de", "https://jobs.example.com/job?gh_jid=123&lang=de")]
    [TestCase("https://jobs.example.com/job?source=undefined", "https://jobs.example.com/job")]
    [TestCase("https://jobs.example.com/#/jobs/7?utm_campaign=x", "https://jobs.example.com/#/jobs/7?utm_campaign=x")]
    [TestCase("https://jobs.example.com/jobs?q=a%26b&UTM_Source=x#apply", "https://jobs.example.com/jobs?q=a%26b#apply")]
    [TestCase("https://jobs.example.com/jobs/7", "https://jobs.example.com/jobs/7")]
    [TestCase("https://jobs.example.com/jobs/7?", "https://jobs.example.com/jobs/7")]
    public void What_only_tracks_a_visit_leaves_the_url_and_the_rest_stays_as_it_was(string given, string kept)
    {
        Assert.That(JobUrl.Clean(given), Is.EqualTo(kept));
    }
}
