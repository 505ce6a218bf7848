using StackExchange.Redis;

namespace JobStream.Infrastructure.Redis;

/// <summary>A Redis reply without the client library's types: null, a bulk string, or an array of replies.</summary>
public sealed record RedisReply(byte[]? Bulk, IReadOnlyList<RedisReply>? Items)
{
    public bool IsNull => Bulk is null && Items is null;

    public string? Text => Bulk is null ? null : System.Text.Encoding.UTF8.GetString(Bulk);

    internal static RedisReply From(RedisResult result)
    {
        if (result.IsNull)
        {
            return new RedisReply(null, null);
        }
        // 1.2.6 does not say a reply's type: an array converts to RedisResult[], anything else does not.
        RedisResult[]? items;
        try
        {
            items = (RedisResult[])result!;
        }
        catch (InvalidCastException)
        {
            items = null;
        }
        return items is null ? new RedisReply((byte[])result!, null) : new RedisReply(null, items.Select(From).ToList());
    }
}
