using JobStream.Application.Serialization;
using Mediator;

namespace JobStream.Application.Streaming.GetProgress;

/// <summary>A user's latest progress, or null (seed 002). Only the user may read it.</summary>
public sealed record GetProgressQuery(string UserId, string Caller) : IRequest<JsonPayload?>;

public sealed class GetProgressQueryHandler(IProgressStore progress) : IRequestHandler<GetProgressQuery, JsonPayload?>
{
    public async ValueTask<JsonPayload?> Handle(GetProgressQuery request, CancellationToken cancellationToken)
    {
        ProgressAccess.EnsureOwnedBy(request.UserId, request.Caller);
        return (await progress.GetProgressAsync(request.UserId, cancellationToken))?.Data;
    }
}
