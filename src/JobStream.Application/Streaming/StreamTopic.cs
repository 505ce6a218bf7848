namespace JobStream.Application.Streaming;

/// <summary>Where an event goes: one connection, every stream of one user, or every /events client.</summary>
public readonly record struct StreamTopic(StreamTopicKind Kind, string Key)
{
    public static readonly StreamTopic Broadcast = new(StreamTopicKind.Broadcast, "");

    public static StreamTopic Connection(string connectionId) => new(StreamTopicKind.Connection, connectionId);

    public static StreamTopic UserProgress(string userId) => new(StreamTopicKind.UserProgress, userId);

    public override string ToString() => Kind == StreamTopicKind.Broadcast ? "broadcast" : $"{Kind}:{Key}";
}
