namespace JobStream.Application.Errors;

/// <summary>The thing a request names does not exist (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
