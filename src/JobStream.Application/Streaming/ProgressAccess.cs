using JobStream.Application.Errors;

namespace JobStream.Application.Streaming;

/// <summary>A user's progress is theirs alone: every progress use case checks the caller first.</summary>
public static class ProgressAccess
{
    public static void EnsureOwnedBy(string userId, string caller)
    {
        if (!string.Equals(userId, caller, StringComparison.Ordinal))
        {
            throw new ForbiddenAccessException($"The progress of '{userId}' belongs to another user.");
        }
    }
}
