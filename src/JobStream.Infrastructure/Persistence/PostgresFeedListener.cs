using JobStream.Application.Watches;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// On PostgreSQL, LISTENs to the feed's channel (<see cref="JobsDatabase.FeedChannel"/>), which every write of
/// change events NOTIFYs at commit, and has this instance's <see cref="WatchFeedNotifier"/> read the feed at
/// once: a change written on one instance reaches streams on every other without waiting for the poll. The
/// poll stays, for when the listening connection is down.
/// </summary>
public sealed partial class PostgresFeedListener(JobsDatabase database, WatchFeedNotifier notifier, ILogger<PostgresFeedListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => notifier.Poke();
                await using (var listen = new NpgsqlCommand($"LISTEN {JobsDatabase.FeedChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                notifier.Poke(); // what was written while it was not listening
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                LogLost(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for change feed notifications; other instances' changes arrive at the next poll until it is back")]
    private partial void LogLost(Exception exception);
}
