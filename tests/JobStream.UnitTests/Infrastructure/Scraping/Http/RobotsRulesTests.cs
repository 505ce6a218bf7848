using JobStream.Infrastructure.Scraping.Http;

namespace JobStream.UnitTests.Infrastructure.Scraping.Http;

public sealed class RobotsRulesTests
{
    private const string Robots = """
        # a comment
        User-agent: *
        Disallow: /private
        Allow: /private/careers
        Disallow: /*.pdf$

        User-agent: OtherBot
        User-agent: JobStreamBot
        Disallow: /no-bots-like-us
        """;

    [TestCase("https://a.example/careers", true)]
    [TestCase("https://a.example/no-bots-like-us/jobs", false)]
    [TestCase("https://a.example/private", true)]
    public void The_group_naming_our_agent_replaces_the_star_group(string url, bool allowed)
    {
        Assert.That(RobotsRules.Parse(Robots, "JobStreamBot").IsAllowed(new Uri(url)), Is.EqualTo(allowed));
    }

    [TestCase("https://a.example/careers", true)]
    [TestCase("https://a.example/private/team", false)]
    [TestCase("https://a.example/private/careers/1", true)]
    [TestCase("https://a.example/files/list.pdf", false)]
    [TestCase("https://a.example/files/list.pdf?x=1", true)]
    public void Other_agents_follow_the_star_group_with_the_longest_match_winning(string url, bool allowed)
    {
        Assert.That(RobotsRules.Parse(Robots, "SomeCrawler").IsAllowed(new Uri(url)), Is.EqualTo(allowed));
    }

    [Test]
    public void An_empty_disallow_allows_everything()
    {
        Assert.That(RobotsRules.Parse("User-agent: *\nDisallow:\n", "JobStreamBot").IsAllowed(new Uri("https://a.example/x")), Is.True);
    }
}
