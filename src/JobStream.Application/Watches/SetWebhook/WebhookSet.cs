namespace JobStream.Application.Watches.SetWebhook;

/// <summary>The webhook as set: where events go, and the secret that signs them (shown once; null when removed).</summary>
public sealed record WebhookSet(string WatchId, string? Url, string? Secret);
