using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Scraping.Ats;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Ats;

// Boards that page badly, answered on loopback: the reader stops instead of asking to its caps.
public sealed class AtsBoardReaderTests
{
    [Test]
    public async Task A_board_that_replays_its_first_page_is_read_once_more_not_five_hundred_times()
    {
        var board = new FixtureSite("replaying")
            .WithPage("/smartrecruiters/Fabrikam", new FixturePage("""
                {"offset":0,"limit":1,"totalFound":900,"content":[{"id":"7","name":"Sales Manager","company":{"identifier":"Fabrikam","name":"Fabrikam"}}]}
                """, "application/json"));
        await using var server = await FixtureSiteServer.StartAsync([board]);
        await using var host = new ScraperHost(("Scraping:Ats:SmartRecruiters", $"{board.Url}smartrecruiters/{{token}}"));

        var jobs = await host.Get<AtsBoardReader>().ReadAsync(Ats.Board("SmartRecruiters", "Fabrikam"), (_, _) => { }, CancellationToken.None);

        Assert.That(jobs.Jobs.Select(j => j.Title), Is.EqualTo(new[] { "Sales Manager" }));
        Assert.That(jobs.Problem, Is.Null);
        Assert.That(board.Requests.Count(path => path.StartsWith("/smartrecruiters/", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task A_board_that_ignores_its_page_number_stops_when_a_page_brings_nothing_new()
    {
        var board = new FixtureSite("ignoring")
            .WithPage("/rippling/fabrikam", new FixturePage("""
                {"items":[{"id":"r-1","name":"Payroll Specialist","url":"https://ats.rippling.com/fabrikam/jobs/r-1","locations":[{"name":"Austin, TX"}]}],"page":0,"totalPages":400}
                """, "application/json"));
        await using var server = await FixtureSiteServer.StartAsync([board]);
        await using var host = new ScraperHost(("Scraping:Ats:Rippling", $"{board.Url}rippling/{{token}}?page=0"));
        var steps = new List<string>();

        var jobs = await host.Get<AtsBoardReader>().ReadAsync(Ats.Board("Rippling", "fabrikam"), (_, message) => steps.Add(message), CancellationToken.None);

        Assert.That(jobs.Jobs, Has.Count.EqualTo(1));
        Assert.That(board.Requests, Has.Count.EqualTo(2), "the first page, and the second that repeated it");
        Assert.That(steps, Has.Some.Contains("page 2"));
    }

    [Test]
    public async Task A_page_naming_many_boards_has_only_the_first_few_asked_for()
    {
        var links = string.Join("", Enumerable.Range(1, 30).Select(i => $"""<a href="https://jobs.lever.co/company{i}">Company {i}</a>"""));
        var site = Corpus.AtsEmbed("many-boards", links);
        var lever = new FixtureSite("lever");
        await using var server = await FixtureSiteServer.StartAsync([site, lever]);
        await using var host = new ScraperHost(("Scraping:Ats:Lever", $"{lever.Url}lever/{{token}}"), ("Scraping:Ats:MaxBoardsPerPage", "5"));

        await host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None);

        Assert.That(lever.Requests.Where(path => path.StartsWith("/lever/", StringComparison.Ordinal)).Distinct().ToList(), Has.Count.EqualTo(5));
    }
}
