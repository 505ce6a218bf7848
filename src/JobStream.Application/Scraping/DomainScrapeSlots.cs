using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping;

/// <summary>
/// The instance's cap on domains scraped at once (<see cref="ScrapingOptions.MaxConcurrentDomainScrapes"/>),
/// across every request. When all slots are taken, runs wait in turn: a freed slot goes to the run
/// whose turn it is, round-robin, so a request of a hundred domains cannot starve a request of one.
/// </summary>
public sealed class DomainScrapeSlots(IOptions<ScrapingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Run> _turns = new();
    private int _free = options.Value.MaxConcurrentDomainScrapes;

    /// <summary>Slots taken right now, for tests and status.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return options.Value.MaxConcurrentDomainScrapes - _free;
            }
        }
    }

    /// <summary>A new party that waits in turn with the others; one per scrape request.</summary>
    public Run NewRun() => new(this);

    private async Task<IDisposable> EnterAsync(Run run, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_free > 0 && _turns.Count == 0)
            {
                _free--;
                return new Lease(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            run.Waiting.AddLast(waiter);
            if (run.Turn.List is null)
            {
                _turns.AddLast(run.Turn);
            }
        }
        await using (cancellationToken.Register(() => Abandon(run, waiter)))
        {
            await waiter.Task;
        }
        return new Lease(this);
    }

    private void Abandon(Run run, TaskCompletionSource waiter)
    {
        lock (_gate)
        {
            if (run.Waiting.Remove(waiter))
            {
                if (run.Waiting.Count == 0 && run.Turn.List is not null)
                {
                    _turns.Remove(run.Turn);
                }
                waiter.TrySetCanceled();
            }
        }
    }

    // The freed slot goes to the first waiter of the run whose turn it is; that run goes to the back.
    private void Release()
    {
        lock (_gate)
        {
            while (_turns.First is { } turn)
            {
                _turns.RemoveFirst();
                var run = turn.Value;
                var waiter = run.Waiting.First!.Value;
                run.Waiting.RemoveFirst();
                if (run.Waiting.Count > 0)
                {
                    _turns.AddLast(turn);
                }
                if (waiter.TrySetResult())
                {
                    return;
                }
            }
            _free++;
        }
    }

    /// <summary>One request's place in the queue for slots.</summary>
    public sealed class Run
    {
        private readonly DomainScrapeSlots _slots;

        internal Run(DomainScrapeSlots slots)
        {
            _slots = slots;
            Turn = new LinkedListNode<Run>(this);
        }

        internal LinkedListNode<Run> Turn { get; }

        internal LinkedList<TaskCompletionSource> Waiting { get; } = new();

        /// <summary>Waits for a slot; disposing the lease frees it.</summary>
        public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => _slots.EnterAsync(this, cancellationToken);
    }

    private sealed class Lease(DomainScrapeSlots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
