using JobStream.Application.Errors;

namespace JobStream.Infrastructure.Streaming;

/// <summary>A subscriber fell further behind than its queue allows and was cut off so it cannot stall the others.</summary>
public sealed class SlowSubscriberException(int capacity)
    : StreamInterruptedException($"The client fell {capacity} events behind and was disconnected; reconnect with Last-Event-ID to resume.");
