using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// One topic's kept events in memory, as a capped Redis stream keeps them: the oldest go first, and the
/// newest id that went is remembered, so a client resuming from before it is told it missed events.
/// Also the once-keys of the events published on the topic. Not thread-safe: callers lock it.
/// </summary>
public sealed class MemoryHistory(int capacity, int onceLimit)
{
    private readonly Queue<StreamMessage> _events = new();
    private readonly Dictionary<string, string> _once = new(StringComparer.Ordinal);
    private string _newestDropped = StreamEventId.Beginning;

    public string? LatestId { get; private set; }

    public bool TryGetOnce(string? onceKey, out string id)
    {
        id = "";
        return onceKey is not null && _once.TryGetValue(onceKey, out id!);
    }

    /// <summary>Keeps an event that has its id.</summary>
    public void Append(StreamMessage message, string? onceKey)
    {
        LatestId = message.Id;
        if (onceKey is not null)
        {
            if (_once.Count >= onceLimit)
            {
                _once.Clear(); // as the Redis functions do: a topic that never goes quiet keeps no once-keys for ever
            }
            _once[onceKey] = message.Id!;
        }
        _events.Enqueue(message);
        while (_events.Count > capacity)
        {
            _newestDropped = _events.Dequeue().Id!;
        }
    }

    public StreamHistory Read(string? afterId)
    {
        var after = afterId ?? StreamEventId.Beginning;
        var messages = _events.Where(message => StreamEventId.Compare(message.Id!, after) > 0).ToList();
        // An id this topic never reached cannot be resumed from: the client missed whatever it thinks it saw.
        var unknown = StreamEventId.Compare(after, LatestId ?? StreamEventId.Beginning) > 0;
        return new StreamHistory(messages, Missed: unknown || StreamEventId.Compare(_newestDropped, after) > 0);
    }
}
