namespace JobStream.Application.Watches;

/// <summary>Webhooks of watches: where to deliver, how far delivery got, and the log of every attempt.</summary>
public interface IWebhookStore
{
    /// <summary>Sets (or with null removes) a watch's webhook; delivery starts after the feed's latest event.</summary>
    Task SetWebhookAsync(string watchId, string? url, string? secret, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a watch whose webhook has events not yet delivered and is not waiting to retry; one instance
    /// of all holds it until <paramref name="leaseFor"/> passes unreleased.
    /// </summary>
    Task<WebhookLease?> ClaimPendingAsync(DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Logs one attempt; a delivered event moves the cursor past it, a failed one sets when to try again.</summary>
    Task RecordAttemptAsync(WebhookLease lease, WebhookAttempt attempt, CancellationToken cancellationToken);

    Task ReleaseAsync(WebhookLease lease, CancellationToken cancellationToken);

    /// <summary>The latest attempts for a watch's webhook, newest first.</summary>
    Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(string watchId, int max, CancellationToken cancellationToken);
}
