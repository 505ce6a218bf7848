using Mediator;

namespace JobStream.Application.Watches.SetWatchPaused;

/// <summary>Pause a watch (it keeps its jobs and feed, and stops running) or resume it (a run overdue meanwhile starts at once).</summary>
public sealed record SetWatchPausedCommand(string Owner, string WatchId, bool Paused) : IRequest<WatchView>;

public sealed class SetWatchPausedCommandHandler(IWatchStore store, WatchScheduler scheduler) : IRequestHandler<SetWatchPausedCommand, WatchView>
{
    public async ValueTask<WatchView> Handle(SetWatchPausedCommand request, CancellationToken cancellationToken)
    {
        var watch = await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        await store.SetPausedAsync(watch.Id, request.Paused, cancellationToken);
        if (!request.Paused)
        {
            scheduler.Wake();
        }
        return WatchView.Of(await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken));
    }
}
