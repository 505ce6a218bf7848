using Mediator;

namespace JobStream.Application.Watches.DeleteWatch;

/// <summary>Delete a watch with the jobs it remembers and its change events.</summary>
public sealed record DeleteWatchCommand(string Owner, string WatchId) : IRequest;

public sealed class DeleteWatchCommandHandler(IWatchStore store) : IRequestHandler<DeleteWatchCommand>
{
    public async ValueTask<Unit> Handle(DeleteWatchCommand request, CancellationToken cancellationToken)
    {
        var watch = await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        await store.DeleteAsync(watch.Id, cancellationToken);
        return Unit.Value;
    }
}
