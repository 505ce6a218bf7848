using JobStream.Application.Hosting;

namespace JobStream.Application.UnitTests.Hosting;

public sealed class StopSignalTests
{
    [Test]
    public void Stopping_and_disposing_happen_once_in_either_order()
    {
        using var stoppedFirst = new StopSignal();
        var disposedFirst = new StopSignal();

        Assert.That(stoppedFirst.Stop(), Is.True);
        Assert.That(stoppedFirst.Stop(), Is.False);
        disposedFirst.Dispose();
        Assert.That(disposedFirst.Stop(), Is.False, "disposing stopped it already");
        Assert.DoesNotThrow(disposedFirst.Dispose);
        Assert.That(disposedFirst.Token.IsCancellationRequested, Is.True, "its token stays readable after it is disposed");
        Assert.That(stoppedFirst.IsStopping, Is.True);
    }

    [Test]
    public async Task A_host_stopping_while_the_container_disposes_never_cancels_a_disposed_source()
    {
        for (var round = 0; round < 2_000; round++)
        {
            var signal = new StopSignal();
            using var start = new ManualResetEventSlim();
            var stopping = Task.Run(() => { start.Wait(); signal.Stop(); });
            var disposing = Task.Run(() => { start.Wait(); signal.Dispose(); });
            start.Set();

            await Task.WhenAll(stopping, disposing);

            Assert.That(signal.Token.IsCancellationRequested, Is.True);
        }
    }
}
