using Mediator;

namespace JobStream.Application.Watches.ListWatches;

/// <summary>Every watch of <paramref name="Owner"/>, oldest first.</summary>
public sealed record ListWatchesQuery(string Owner) : IRequest<IReadOnlyList<WatchView>>;

public sealed class ListWatchesQueryHandler(IWatchStore store) : IRequestHandler<ListWatchesQuery, IReadOnlyList<WatchView>>
{
    public async ValueTask<IReadOnlyList<WatchView>> Handle(ListWatchesQuery request, CancellationToken cancellationToken) =>
        (await store.ListAsync(request.Owner, cancellationToken)).Select(WatchView.Of).ToList();
}
