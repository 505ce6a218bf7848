namespace JobStream.Application.Streaming;

/// <summary>A slice of a topic's history; <see cref="Missed"/> when some of what was asked for is no longer kept.</summary>
public sealed record StreamHistory(IReadOnlyList<StreamMessage> Messages, bool Missed)
{
    public static readonly StreamHistory Empty = new([], Missed: false);
}
