using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.TestServers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobStream.Api.FunctionalTests;

/// <summary>
/// The real service on a real Kestrel socket (not the in-memory test server, which would hide buffering),
/// with loopback 127.0.0.1 allowed for the fixture sites, host names resolving only to loopback, and its
/// log lines captured.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _databaseFolder = Directory.CreateTempSubdirectory("jobstream-api-").FullName;

    public ApiFactory(params (string Key, string? Value)[] settings)
        : this(port: 0, settings)
    {
    }

    /// <summary>An instance on a given port: one started again after another stopped, where a client expects it.</summary>
    public ApiFactory(int port, params (string Key, string? Value)[] settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Scraping:Http:AllowedNetworks:0"] = "127.0.0.1",
            ["Scraping:Http:AllowAnyPort"] = "true",
            ["Streams:KeepAliveSeconds"] = "1",
            ["JWT_SECRET"] = TestTokens.Secret,
            // Every test talks from 127.0.0.1: per-client limits are raised here and tested on their own.
            ["Limits:ScrapeStartsPerMinute"] = "100000",
            ["Limits:ConcurrentScrapesPerClient"] = "1000",
            ["Limits:MaxStreamsPerClient"] = "10000",
        };
        // A job database of its own (a test may name a shared one: two instances, or one started again).
        _settings["ConnectionStrings:Jobs"] = $"Data Source={Path.Combine(_databaseFolder, "jobs.db")}";
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
        UseKestrel(port);
    }

    public ConcurrentQueue<string> Logs { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_databaseFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A test may run the service as another environment would (Production: no Swagger by default).
        builder.UseEnvironment(_settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT_OVERRIDE") ?? "Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Logs)));
        // Names resolve to loopback or not at all: no test reaches past this machine.
        builder.ConfigureTestServices(services => services.AddSingleton<IHostAddressResolver>(new MappedHostResolver(new Dictionary<string, System.Net.IPAddress>())));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // What the configuration lets through (Information by default; a test may ask for Debug in a category).
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
