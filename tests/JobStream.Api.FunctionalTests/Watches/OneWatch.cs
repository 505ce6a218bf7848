using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>
/// One instance on a job database of its own, serving one user with one watch of one loopback site, the
/// watch's change stream open from its first event: the set-up of the tests about a single watch's runs.
/// </summary>
internal sealed class OneWatch : IAsyncDisposable
{
    private readonly TestJobDatabase _database;
    private readonly FixtureSiteServer _sites;
    private readonly ApiFactory _api;
    private readonly WatchTests.OpenStream _stream;

    private OneWatch(TestJobDatabase database, FixtureSiteServer sites, ApiFactory api, HttpClient client, string id, WatchTests.OpenStream stream)
    {
        (_database, _sites, _api, Client, Id, _stream) = (database, sites, api, client, id, stream);
    }

    public HttpClient Client { get; }

    public string Id { get; }

    /// <summary>The change events of the next run, from its watch_run started to its finished.</summary>
    public Task<List<SseItem<string>>> NextRunAsync() => WatchTests.UntilFinishedAsync(_stream.Events);

    /// <summary>Runs the watch now and gives that run's events.</summary>
    public async Task<List<SseItem<string>>> RunAsync()
    {
        await WatchTests.RunAsync(Client, Id);
        return await NextRunAsync();
    }

    /// <summary>Starts it all; the watch's first run (at creation) is the first <see cref="NextRunAsync"/> gives.</summary>
    public static async Task<OneWatch> StartAsync(string provider, FixtureSite site, string every = "1d", params (string Key, string? Value)[] settings)
    {
        var database = await TestJobDatabase.CreateAsync(provider);
        var sites = await FixtureSiteServer.StartAsync([site]);
        var api = new ApiFactory(WatchTests.FastWatches.Append(("ConnectionStrings:Jobs", database.ConnectionString)).Concat(settings).ToArray());
        var client = WatchTests.Client(api, "alice");
        var created = await client.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { site.Url.AbsoluteUri.TrimEnd('/') }, every });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var stream = await WatchTests.OpenAsync(client, $"/api/v1/watches/{id}/stream", "0");
        return new OneWatch(database, sites, api, client, id, stream);
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Dispose();
        Client.Dispose();
        await _api.DisposeAsync();
        await _sites.DisposeAsync();
        await _database.DisposeAsync();
    }
}
