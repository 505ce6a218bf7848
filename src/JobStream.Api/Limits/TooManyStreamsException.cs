namespace JobStream.Api.Limits;

/// <summary>This instance holds as many open streams as <see cref="LimitsOptions.MaxOpenStreams"/> allows (503).</summary>
public sealed class TooManyStreamsException(int limit)
    : Exception($"This instance holds its most open streams ({limit}).")
{
    public int Limit { get; } = limit;
}
