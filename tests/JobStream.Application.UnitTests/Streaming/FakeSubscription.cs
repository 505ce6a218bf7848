using System.Runtime.CompilerServices;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Application.UnitTests.Streaming;

/// <summary>
/// A backplane subscription for handler tests: it yields what is queued, then nothing until it is closed,
/// which ends a pending read, as the real ones do.
/// </summary>
internal sealed class FakeSubscription(Queue<StreamMessage>? messages = null) : IStreamSubscription
{
    private readonly Queue<StreamMessage> _messages = messages ?? new Queue<StreamMessage>();
    private readonly CancellationTokenSource _closed = new();

    public async IAsyncEnumerable<StreamMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (_messages.TryDequeue(out var message))
        {
            yield return message;
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        _closed.Cancel();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The service's metrics, on a meter factory of their own.</summary>
internal static class TestMetrics
{
    public static JobStreamMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
}
