namespace JobStream.Api.Sse;

/// <summary>
/// When a stream ends: its client leaves, or the instance begins to stop. Streams are created with this
/// token rather than the request's own, so that on shutdown every stream, and the work behind it, ends
/// at once with a last event telling its client to reconnect (elsewhere), instead of being cut off when
/// the drain time runs out.
/// </summary>
public static class StreamLifetime
{
    public static CancellationToken StreamEnding(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.RegisterForDispose(ending);
        return ending.Token;
    }

    /// <summary>True once the instance has begun to stop: it takes no new streams.</summary>
    public static bool IsDraining(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
    }
}
