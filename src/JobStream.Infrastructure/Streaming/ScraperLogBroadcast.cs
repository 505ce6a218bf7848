using System.Threading.Channels;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Sends the scraper's log lines to the /events clients allowed to see them (seed 000's "stream scraper
/// logs"; admins outside Development), as broadcast events named "log". The logger provider only queues (bounded; lines beyond it are
/// dropped, never blocking a scrape); <see cref="Publisher"/> publishes them. The split keeps the
/// logging system from depending on the stream manager, which itself logs.
/// </summary>
public sealed class ScraperLogBroadcast
{
    private static readonly string[] Categories = ["JobStream.Application.Scraping", "JobStream.Infrastructure.Scraping"];
    private readonly Channel<LogLine> _lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public sealed record LogLine(string Level, string Category, string Message, DateTimeOffset Timestamp);

    /// <summary>
    /// The scraper's categories only (<see cref="AddTo"/>): in any other the logging system leaves it out,
    /// scopes too. It takes no shared scopes (nor do the console's and EventSource's), so a scope begun
    /// anywhere (three a request: the connection's, the request's, MVC's action's, each kept for as long
    /// as the request lasts, which for an event stream is as long as it stays open) is one small object,
    /// not a scope on the shared stack, with its execution context, as well (bench/run.sh heap).
    /// </summary>
    public sealed class Provider(ScraperLogBroadcast broadcast) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            Categories.Any(c => categoryName.StartsWith(c, StringComparison.Ordinal))
                ? new Logger(broadcast._lines.Writer, categoryName[(categoryName.LastIndexOf('.') + 1)..])
                : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }

    /// <summary>Registers the provider, on for the scraper's categories and off for the rest.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ScraperLogBroadcast>();
        services.AddSingleton<ILoggerProvider, Provider>();
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.AddFilter<Provider>(null, LogLevel.None);
            foreach (var category in Categories)
            {
                filters.AddFilter<Provider>(category, LogLevel.Information);
            }
        });
        services.AddHostedService<Publisher>();
    }

    public sealed class Publisher(ScraperLogBroadcast broadcast, IStreamBus bus) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var line in broadcast._lines.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await bus.PublishTransientAsync(StreamTopic.Broadcast, EventsQuery.LogEvent, JsonPayload.From(line), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The backplane is away; a log line is not worth more than that. Nothing is logged
                    // here, which would feed this very queue.
                }
            }
        }
    }

    private sealed class Logger(ChannelWriter<LogLine> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.TryWrite(new LogLine(logLevel.ToString().ToLowerInvariant(), category, formatter(state, exception), DateTimeOffset.UtcNow));
            }
        }
    }
}
