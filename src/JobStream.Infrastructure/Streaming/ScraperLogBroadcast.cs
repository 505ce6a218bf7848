using System.Threading.Channels;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
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
    /// Takes the logging system's shared scopes (and ignores them): a provider with scopes of its own would
    /// make every scope begun anywhere, three per open stream, an object more for as long as the stream stays open.
    /// </summary>
    public sealed class Provider(ScraperLogBroadcast broadcast) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) =>
            Categories.Any(c => categoryName.StartsWith(c, StringComparison.Ordinal))
                ? new Logger(broadcast._lines.Writer, categoryName[(categoryName.LastIndexOf('.') + 1)..])
                : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider)
        {
        }

        public void Dispose()
        {
        }
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
