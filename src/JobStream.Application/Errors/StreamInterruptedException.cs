namespace JobStream.Application.Errors;

/// <summary>
/// A stream ended for a reason the client should hear, in a message written for it (sent as the
/// stream's final <c>error</c> event), rather than because the server failed.
/// </summary>
public class StreamInterruptedException(string message) : Exception(message);
