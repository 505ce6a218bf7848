using Mediator;

namespace JobStream.Application.Watches.SetWebhook;

/// <summary>
/// Sets a watch's webhook (<paramref name="Url"/>) with a new signing secret, or removes it (null). Events
/// written from now on are delivered; the secret is shown in this answer only.
/// </summary>
public sealed record SetWebhookCommand(string Owner, string WatchId, string? Url) : IRequest<WebhookSet>;

public sealed class SetWebhookCommandHandler(IWatchStore watches, IWebhookStore webhooks) : IRequestHandler<SetWebhookCommand, WebhookSet>
{
    public async ValueTask<WebhookSet> Handle(SetWebhookCommand request, CancellationToken cancellationToken)
    {
        var watch = await watches.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        var secret = request.Url is null ? null : WebhookSignature.NewSecret();
        await webhooks.SetWebhookAsync(watch.Id, request.Url, secret, cancellationToken);
        return new WebhookSet(watch.Id, request.Url, secret);
    }
}
