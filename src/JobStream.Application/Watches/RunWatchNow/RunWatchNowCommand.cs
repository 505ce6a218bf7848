using Mediator;

namespace JobStream.Application.Watches.RunWatchNow;

/// <summary>
/// Run a watch now, paused or not, whatever its schedule: the next free instance takes it. A run already
/// going finishes first, then this one runs.
/// </summary>
public sealed record RunWatchNowCommand(string Owner, string WatchId) : IRequest<WatchView>;

public sealed class RunWatchNowCommandHandler(IWatchStore store, WatchScheduler scheduler, TimeProvider time) : IRequestHandler<RunWatchNowCommand, WatchView>
{
    public async ValueTask<WatchView> Handle(RunWatchNowCommand request, CancellationToken cancellationToken)
    {
        var watch = await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        await store.RunNowAsync(watch.Id, time.GetUtcNow(), cancellationToken);
        scheduler.Wake();
        return WatchView.Of(await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken));
    }
}
