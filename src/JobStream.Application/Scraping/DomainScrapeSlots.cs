using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping;

/// <summary>
/// The instance's cap on domains scraped at once (<see cref="ScrapingOptions.MaxConcurrentDomainScrapes"/>),
/// across every request. When all slots are taken, requests wait in turn: a freed slot goes to the request
/// whose turn it is, round-robin, so a request of a hundred domains cannot starve a request of one.
/// </summary>
public sealed class DomainScrapeSlots(IOptions<ScrapingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Place> _turns = new();
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
    public Place NewPlace() => new(this);

    private async Task<IDisposable> EnterAsync(Place place, CancellationToken cancellationToken)
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
            place.Waiting.AddLast(waiter);
            if (place.Turn.List is null)
            {
                _turns.AddLast(place.Turn);
            }
        }
        await using (cancellationToken.Register(() => Abandon(place, waiter)))
        {
            await waiter.Task;
        }
        return new Lease(this);
    }

    private void Abandon(Place place, TaskCompletionSource waiter)
    {
        lock (_gate)
        {
            if (place.Waiting.Remove(waiter))
            {
                if (place.Waiting.Count == 0 && place.Turn.List is not null)
                {
                    _turns.Remove(place.Turn);
                }
                waiter.TrySetCanceled();
            }
        }
    }

    // The freed slot goes to the first waiter of the place whose turn it is; that place goes to the back.
    private void Release()
    {
        lock (_gate)
        {
            while (_turns.First is { } turn)
            {
                _turns.RemoveFirst();
                var place = turn.Value;
                var waiter = place.Waiting.First!.Value;
                place.Waiting.RemoveFirst();
                if (place.Waiting.Count > 0)
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
    public sealed class Place
    {
        private readonly DomainScrapeSlots _slots;

        internal Place(DomainScrapeSlots slots)
        {
            _slots = slots;
            Turn = new LinkedListNode<Place>(this);
        }

        internal LinkedListNode<Place> Turn { get; }

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
