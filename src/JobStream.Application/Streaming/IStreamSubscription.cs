namespace JobStream.Application.Streaming;

/// <summary>
/// A live registration on a topic. Events published after <see cref="IStreamBus.Subscribe"/>
/// returned are queued for it (up to a bound) until read; disposing it unregisters.
/// </summary>
public interface IStreamSubscription : IAsyncDisposable
{
    IAsyncEnumerable<StreamMessage> ReadAllAsync(CancellationToken cancellationToken);
}
