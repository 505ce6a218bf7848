using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// The Redis channel names of the producer contract (docs/redis-contract.md): "stream:{connection_id}",
/// "progress:{user_id}" and "broadcast".
/// </summary>
public static class StreamChannels
{
    public const string ConnectionPattern = "stream:*";
    public const string ProgressPattern = "progress:*";
    public const string Broadcast = "broadcast";

    public static string For(StreamTopic topic) => topic.Kind switch
    {
        StreamTopicKind.Connection => "stream:" + topic.Key,
        StreamTopicKind.UserProgress => "progress:" + topic.Key,
        _ => Broadcast,
    };

    public static bool TryParse(string channel, out StreamTopic topic)
    {
        topic = default;
        if (channel == Broadcast)
        {
            topic = StreamTopic.Broadcast;
        }
        else if (channel.StartsWith("stream:", StringComparison.Ordinal) && channel.Length > 7)
        {
            topic = StreamTopic.Connection(channel[7..]);
        }
        else if (channel.StartsWith("progress:", StringComparison.Ordinal) && channel.Length > 9)
        {
            topic = StreamTopic.UserProgress(channel[9..]);
        }
        else
        {
            return false;
        }
        return true;
    }
}
