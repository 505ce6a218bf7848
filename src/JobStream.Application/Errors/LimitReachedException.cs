namespace JobStream.Application.Errors;

/// <summary>The user already has as much of something as one user may (watches): answered 409 with the limit named.</summary>
public sealed class LimitReachedException(string message) : Exception(message);
