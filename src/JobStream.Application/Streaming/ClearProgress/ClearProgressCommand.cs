using Mediator;

namespace JobStream.Application.Streaming.ClearProgress;

/// <summary>Forget a user's progress (seed 002). Only the user may.</summary>
public sealed record ClearProgressCommand(string UserId, string Caller) : IRequest<ProgressCleared>;

public sealed class ClearProgressCommandHandler(IProgressStore progress) : IRequestHandler<ClearProgressCommand, ProgressCleared>
{
    public async ValueTask<ProgressCleared> Handle(ClearProgressCommand request, CancellationToken cancellationToken)
    {
        ProgressAccess.EnsureOwnedBy(request.UserId, request.Caller);
        var existed = await progress.ClearProgressAsync(request.UserId, cancellationToken);
        return new ProgressCleared(existed ? $"Progress of {request.UserId} cleared." : $"{request.UserId} had no progress.", existed);
    }
}
