using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>Users' latest progress: what the status endpoint answers and a progress stream starts with.</summary>
public interface IProgressStore
{
    /// <summary>The user's latest progress and its event id (null where a plain SET stored it), or null.</summary>
    Task<LatestProgress?> GetProgressAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Forgets a user's progress; true when there was any.</summary>
    Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken);
}

public sealed record LatestProgress(JsonPayload Data, string? Id);
