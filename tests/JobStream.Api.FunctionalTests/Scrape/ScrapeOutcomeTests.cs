using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Scrape;

// Over the API: a site whose named board cannot be read is an error saying so, not "success, no jobs";
// jobs read beside it make it partial, with warnings; the summary counts both as it says.
public sealed class ScrapeOutcomeTests
{
    [Test]
    public async Task A_failed_board_is_an_error_alone_and_a_partial_result_beside_jobs_and_both_say_which_board()
    {
        var boards = new FixtureSite("boards"); // knows no board: every board API call answers 404
        var boardOnly = Corpus.AtsEmbed("board-only", Corpus.GreenhouseMarkup("gone"));
        var boardAndPostings = Corpus.JsonLdBesideGreenhouse("board-and-postings", "gone");
        await using var sites = await FixtureSiteServer.StartAsync([boards, boardOnly, boardAndPostings, Corpus.JsonLd("whole")]);
        await using var api = new ApiFactory([.. Corpus.AtsTemplates(boards).Select(t => (t.Key, (string?)t.Value))]);
        api.StartServer();
        using var client = api.CreateClient();

        using var answer = await client.PostAsJsonAsync("/scrape/batch", new { domains = new[] { boardOnly.Url.AbsoluteUri, boardAndPostings.Url.AbsoluteUri, sites["whole"].Url.AbsoluteUri } });
        var batch = await answer.Content.ReadFromJsonAsync<JsonElement>();

        var results = batch.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "error", "partial", "success" }));
        Assert.That(results[0].GetProperty("error").GetString(), Does.Contain("the Greenhouse board 'gone' could not be read"));
        Assert.That(results[1].GetProperty("jobs").GetArrayLength(), Is.EqualTo(2), "the page's own postings");
        Assert.That(results[1].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Has.One.Contains("the Greenhouse board 'gone' could not be read"));
        Assert.That(results[2].TryGetProperty("warnings", out _), Is.False, "nothing left out, nothing said");
        Assert.That(batch.GetProperty("summary").GetRawText(), Is.EqualTo("""{"total":3,"succeeded":2,"failed":1}"""));
    }

}
