using Mediator;

namespace JobStream.Application.Watches.GetWatch;

public sealed record GetWatchQuery(string Owner, string WatchId) : IRequest<WatchView>;

public sealed class GetWatchQueryHandler(IWatchStore store) : IRequestHandler<GetWatchQuery, WatchView>
{
    public async ValueTask<WatchView> Handle(GetWatchQuery request, CancellationToken cancellationToken) =>
        WatchView.Of(await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken));
}
