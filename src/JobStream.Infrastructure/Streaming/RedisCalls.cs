using JobStream.Application.Errors;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>A call to Redis on a request's path: Redis unreachable is a 503 the client retries, not a 500.</summary>
internal static class RedisCalls
{
    public static async Task<T> OnRequestPath<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new BackplaneUnavailableException(ex);
        }
    }

    /// <summary>Whether the failure is Redis out of reach (rather than a wrong command or a fault here).</summary>
    public static bool IsUnreachable(Exception exception) => exception is RedisConnectionException or RedisTimeoutException or TimeoutException;

    public static Task OnRequestPath(Func<Task> call) => OnRequestPath(async () =>
    {
        await call();
        return true;
    });
}
