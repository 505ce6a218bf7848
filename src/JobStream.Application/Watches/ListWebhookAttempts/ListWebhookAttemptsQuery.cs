using Mediator;

namespace JobStream.Application.Watches.ListWebhookAttempts;

/// <summary>The delivery log of a watch's webhook: its latest 100 attempts, newest first.</summary>
public sealed record ListWebhookAttemptsQuery(string Owner, string WatchId) : IRequest<IReadOnlyList<WebhookAttempt>>;

public sealed class ListWebhookAttemptsQueryHandler(IWatchStore watches, IWebhookStore webhooks) : IRequestHandler<ListWebhookAttemptsQuery, IReadOnlyList<WebhookAttempt>>
{
    public async ValueTask<IReadOnlyList<WebhookAttempt>> Handle(ListWebhookAttemptsQuery request, CancellationToken cancellationToken)
    {
        var watch = await watches.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        return await webhooks.AttemptsAsync(watch.Id, 100, cancellationToken);
    }
}
