namespace JobStream.Application.Errors;

/// <summary>The caller is known but may not do this (403).</summary>
public sealed class ForbiddenAccessException(string message) : Exception(message);
