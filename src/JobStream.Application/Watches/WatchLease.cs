using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>
/// A due watch one instance has claimed to run: nobody else runs it until <see cref="Until"/> passes
/// unrenewed. <see cref="Token"/> is this claim's own: a record made with a lease that has since been
/// taken over is refused, so a run is never recorded twice.
/// </summary>
public sealed record WatchLease(Watch Watch, string Token, DateTimeOffset Until)
{
    /// <summary>When the claim was made: a watch claimed before it was due was asked to run early.</summary>
    public DateTimeOffset ClaimedAt { get; init; }
}
