namespace JobStream.Application.Watches;

/// <summary>Sends one signed webhook request, through the same outbound address policy as scraping.</summary>
public interface IWebhookSender
{
    /// <summary>The receiver's status code, or null with the reason when it could not be reached (blocked, refused, timed out).</summary>
    Task<(int? Status, string? Error)> SendAsync(string url, WebhookMessage message, CancellationToken cancellationToken);
}
