using JobStream.Application.Scraping;
using Microsoft.Extensions.Configuration;
using JobStream.Infrastructure;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.TestServers;

/// <summary>
/// The Infrastructure layer wired as the service wires it, with loopback 127.0.0.1 allowed, any port,
/// and optionally host names that resolve to addresses the test chooses (as a DNS record would).
/// </summary>
public sealed class ScraperHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ScraperHost(params (string Key, string Value)[] settings)
        : this(new Dictionary<string, System.Net.IPAddress>(), settings)
    {
    }

    public ScraperHost(IReadOnlyDictionary<string, System.Net.IPAddress> hosts, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Scraping:Http:AllowedNetworks:0"] = "127.0.0.1",
            ["Scraping:Http:AllowAnyPort"] = "true",
            ["Scraping:Http:RequestTimeoutSeconds"] = "10",
            ["Scraping:Profile:Keywords:0"] = "engineer",
            ["Scraping:Profile:PreferRemote"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value; // a setting given overrides the default
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<IHostAddressResolver>(new MappedHostResolver(hosts))
            .AddMetrics()
            .AddSingleton<JobStream.Application.Telemetry.JobStreamMetrics>()
            .AddInfrastructure(configuration)
            .BuildServiceProvider(validateScopes: true);
    }

    public ICareerSiteScraper Scraper => _services.GetRequiredService<ICareerSiteScraper>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
