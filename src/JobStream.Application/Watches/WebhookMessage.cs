namespace JobStream.Application.Watches;

/// <summary>A webhook request's body (UTF-8 JSON) and the headers that name and sign it.</summary>
public sealed record WebhookMessage(byte[] Body, IReadOnlyDictionary<string, string> Headers);
