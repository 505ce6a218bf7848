using JobStream.Application.Watches;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// POSTs webhook requests through the scraper's guarded connection (<see cref="OutboundAddressPolicy"/>: a
/// webhook URL can no more reach a private address than a career page can), no redirects followed, within
/// <see cref="WatchesOptions.WebhookTimeoutSeconds"/>.
/// </summary>
public sealed class WebhookSender(HttpClient httpClient, IOptions<WatchesOptions> options) : IWebhookSender
{
    public async Task<(int? Status, string? Error)> SendAsync(string url, WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(message.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            foreach (var (name, value) in message.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.WebhookTimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, BlockedAddressException.Within(ex) is { } blocked ? $"blocked: {blocked.Message}" : $"could not be reached: {ex.HttpRequestError}");
        }
    }
}
