using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches;

/// <summary>
/// Delivers each watch's change events to its webhook, in order, at least once: an instance claims a watch
/// with undelivered events (one instance at a time per watch), POSTs them one by one, signed
/// (<see cref="WebhookSignature"/>), and moves the watch's cursor past each one the receiver answers with a
/// 2xx. A failure stops that watch's delivery until a retry time that doubles with each failure in a row
/// (<see cref="WatchesOptions.WebhookRetrySeconds"/>, at most an hour); every attempt is logged.
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookStore store,
    IWatchFeed feed,
    IWebhookSender sender,
    IOptions<WatchesOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly WatchesOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            WebhookLease? lease = null;
            try
            {
                lease = await store.ClaimPendingAsync(time.GetUtcNow(), Lease, stoppingToken);
                if (lease is not null)
                {
                    await DeliverAsync(lease, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }
            finally
            {
                if (lease is not null)
                {
                    await ReleaseAsync(lease);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.FeedPollMilliseconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(WebhookLease lease, CancellationToken stoppingToken)
    {
        var failures = lease.Failures;
        foreach (var entry in await feed.ReadAsync(FeedScope.OfWatch(lease.WatchId), lease.Cursor, Batch, stoppingToken))
        {
            var at = time.GetUtcNow();
            var (status, error) = await sender.SendAsync(lease.Url, Message(lease, entry, at), stoppingToken);
            var delivered = status is >= 200 and < 300;
            DateTimeOffset? retryAt = null;
            if (!delivered)
            {
                failures++;
                var wait = Math.Min(_options.WebhookRetrySeconds * Math.Pow(2, Math.Min(failures - 1, 20)), 3600);
                retryAt = at + TimeSpan.FromSeconds(wait);
                error ??= $"the receiver answered HTTP {status}";
                LogNotDelivered(lease.WatchId, entry.Id, error, wait);
            }
            await store.RecordAttemptAsync(lease, new WebhookAttempt(entry.Id, entry.Event, at, delivered, status, error, retryAt), stoppingToken);
            if (!delivered)
            {
                return;
            }
        }
    }

    private static WebhookMessage Message(WebhookLease lease, FeedEntry entry, DateTimeOffset at)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteString("event", entry.Event);
            json.WriteString("watch_id", entry.WatchId);
            json.WritePropertyName("data");
            json.WriteRawValue(entry.Data.Utf8.Span, skipInputValidation: true);
            json.WriteEndObject();
        }
        var body = buffer.WrittenSpan.ToArray();
        return new WebhookMessage(body, new Dictionary<string, string>
        {
            [WebhookSignature.Header] = WebhookSignature.Sign(lease.Secret, at, body),
            ["X-JobStream-Event"] = entry.Event,
            ["X-JobStream-Delivery"] = entry.Id.ToString(CultureInfo.InvariantCulture),
        });
    }

    private async Task ReleaseAsync(WebhookLease lease)
    {
        try
        {
            await store.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogFailed(ex); // the claim lapses instead
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery failed; trying again at the next poll")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {WatchId}: webhook event {EventId} not delivered ({Error}); next try in {Seconds:0} s")]
    private partial void LogNotDelivered(string watchId, long eventId, string error, double seconds);
}
