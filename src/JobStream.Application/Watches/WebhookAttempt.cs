namespace JobStream.Application.Watches;

/// <summary>
/// One attempt to deliver one change event: the HTTP status the receiver answered (null when it could not
/// be reached), why it failed, and, for a failure, when the next attempt is due.
/// </summary>
public sealed record WebhookAttempt(long EventId, string Event, DateTimeOffset At, bool Delivered, int? Status, string? Error, DateTimeOffset? RetryAt);
