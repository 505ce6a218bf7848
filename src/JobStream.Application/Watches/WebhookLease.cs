namespace JobStream.Application.Watches;

/// <summary>A watch's webhook claimed for delivery: its events after <see cref="Cursor"/> are due, and <see cref="Failures"/> in a row have failed.</summary>
public sealed record WebhookLease(string WatchId, string Url, string Secret, long Cursor, int Failures, string Token);
