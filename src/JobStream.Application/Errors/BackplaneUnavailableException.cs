namespace JobStream.Application.Errors;

/// <summary>
/// The stream backplane (Redis) cannot be reached now: nothing that needs it can be done, and a client
/// should try again shortly (503 with Retry-After). Nothing accepted before is lost: it is in Redis.
/// </summary>
public sealed class BackplaneUnavailableException(Exception inner)
    : Exception("The stream backplane is unreachable right now; try again shortly.", inner);
