namespace JobStream.Application.Hosting;

/// <summary>
/// A hosted service's signal to its background work that the service is stopping. The host may stop
/// the service and the container dispose it in either order, or both at once (a test host shutting
/// down): stopping and disposing each happen once, the signal is never cancelled after it is disposed,
/// and its token stays readable throughout.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly Lock _gate = new();
    private bool _stopped;
    private bool _disposed;

    public StopSignal() => Token = _source.Token;

    /// <summary>Cancelled once the service is stopping.</summary>
    public CancellationToken Token { get; }

    public bool IsStopping => Token.IsCancellationRequested;

    /// <summary>Cancels the token; true for the first caller only, who then finishes the stopping.</summary>
    public bool Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }
            _stopped = true;
            if (!_disposed)
            {
                _source.Cancel();
            }
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (!_stopped)
            {
                _stopped = true;
                _source.Cancel();
            }
            _disposed = true;
            _source.Dispose();
        }
    }
}
