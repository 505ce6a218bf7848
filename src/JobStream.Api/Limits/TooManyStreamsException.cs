namespace JobStream.Api.Limits;

/// <summary>A stream past the instance's or the client's cap (<see cref="LimitsOptions"/>): 503.</summary>
public sealed class TooManyStreamsException(string message) : Exception(message);
