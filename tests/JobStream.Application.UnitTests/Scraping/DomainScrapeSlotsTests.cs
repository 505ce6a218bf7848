using JobStream.Application.Scraping;
using Microsoft.Extensions.Options;

namespace JobStream.Application.UnitTests.Scraping;

public sealed class DomainScrapeSlotsTests
{
    [Test]
    public async Task Freed_slots_go_round_robin_so_a_big_request_cannot_starve_a_small_one()
    {
        var slots = Slots(1);
        var big = slots.NewPlace();
        var small = slots.NewPlace();
        var first = await big.EnterAsync(CancellationToken.None);
        var bigWaiting = Enumerable.Range(0, 10).Select(_ => big.EnterAsync(CancellationToken.None)).ToList();
        var smallWaiting = small.EnterAsync(CancellationToken.None);

        first.Dispose();
        var second = await bigWaiting[0];
        Assert.That(smallWaiting.IsCompleted, Is.False, "the big run queued first, so it had the first turn");
        second.Dispose();

        var smallLease = await smallWaiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(bigWaiting.Skip(1).Count(t => t.IsCompleted), Is.Zero, "the small run's turn came before the big run's next");
        smallLease.Dispose();
        foreach (var waiting in bigWaiting.Skip(1))
        {
            (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        }
        Assert.That(slots.InUse, Is.Zero);
    }

    [Test]
    public async Task A_cancelled_wait_leaves_the_queue_and_never_holds_a_slot()
    {
        var slots = Slots(1);
        var run = slots.NewPlace();
        var held = await run.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = run.EnterAsync(cancel.Token);

        await cancel.CancelAsync();
        Assert.ThrowsAsync<TaskCanceledException>(async () => await waiting);
        held.Dispose();

        Assert.That(slots.InUse, Is.Zero);
        (await slots.NewPlace().EnterAsync(CancellationToken.None)).Dispose();
    }

    [Test]
    public async Task Up_to_the_cap_slots_are_taken_at_once()
    {
        var slots = Slots(3);
        var run = slots.NewPlace();

        var leases = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => run.EnterAsync(CancellationToken.None)));
        var fourth = run.EnterAsync(CancellationToken.None);

        Assert.That(slots.InUse, Is.EqualTo(3));
        Assert.That(fourth.IsCompleted, Is.False);
        leases[0].Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        foreach (var lease in leases.Skip(1))
        {
            lease.Dispose();
        }
        Assert.That(slots.InUse, Is.Zero);
    }

    private static DomainScrapeSlots Slots(int cap) => new(Options.Create(new ScrapingOptions { MaxConcurrentDomainScrapes = cap }));
}
