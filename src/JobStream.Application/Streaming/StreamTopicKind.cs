namespace JobStream.Application.Streaming;

public enum StreamTopicKind
{
    Connection,
    UserProgress,
    Broadcast,
}
