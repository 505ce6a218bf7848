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
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new BackplaneUnavailableException(ex);
        }
    }

    public static Task OnRequestPath(Func<Task> call) => OnRequestPath(async () =>
    {
        await call();
        return true;
    });
}
