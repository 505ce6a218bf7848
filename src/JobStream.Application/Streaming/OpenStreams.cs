namespace JobStream.Application.Streaming;

/// <summary>How many SSE responses are being written right now, for /status.</summary>
public sealed class OpenStreams
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IDisposable Open()
    {
        Interlocked.Increment(ref _count);
        return new Lease(this);
    }

    private sealed class Lease(OpenStreams owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._count);
            }
        }
    }
}
