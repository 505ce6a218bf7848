using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Infrastructure.Streaming;

namespace JobStream.UnitTests.Infrastructure.Streaming;

public sealed class LocalFanOutTests
{
    private static readonly StreamMessage Message = new("update", JsonPayload.From(1));

    [Test]
    public async Task Delivery_reaches_exactly_the_subscribers_there_are_at_that_moment()
    {
        var fanOut = new LocalFanOut(queueCapacity: 16);
        var subscriptions = Enumerable.Range(0, 1000).Select(_ => fanOut.Subscribe(StreamTopic.Broadcast)).ToList();
        Assert.That(fanOut.Deliver(StreamTopic.Broadcast, Message), Is.EqualTo(1000));

        // Leaving from the middle, the ends and everywhere in between, with deliveries in between.
        foreach (var (subscription, i) in subscriptions.Select((s, i) => (s, i)).Where(x => x.i % 3 == 0 || x.i == 999))
        {
            await subscription.DisposeAsync();
            if (i % 100 == 0)
            {
                fanOut.Deliver(StreamTopic.Broadcast, Message);
            }
        }
        var left = subscriptions.Where((_, i) => i % 3 != 0 && i != 999).ToList();

        Assert.That(fanOut.Deliver(StreamTopic.Broadcast, Message), Is.EqualTo(left.Count));
        Assert.That(fanOut.Counts()[StreamTopicKind.Broadcast], Is.EqualTo(left.Count));
        Assert.That(fanOut.Deliver(StreamTopic.Connection("other"), Message), Is.Zero);
    }

    [Test]
    public async Task A_topic_whose_last_subscriber_left_is_gone_and_can_be_joined_again()
    {
        var fanOut = new LocalFanOut(queueCapacity: 16);
        var topic = StreamTopic.Connection("abc");
        await fanOut.Subscribe(topic).DisposeAsync();

        Assert.That(fanOut.HasSubscribers(topic), Is.False);

        await using var again = fanOut.Subscribe(topic);
        Assert.That(fanOut.Deliver(topic, Message), Is.EqualTo(1));
        Assert.That(fanOut.HasSubscribers(topic), Is.True);
    }

    [Test]
    public async Task Subscribers_joining_and_leaving_on_many_threads_are_all_accounted_for()
    {
        var fanOut = new LocalFanOut(queueCapacity: 4096); // room for every delivery: nobody reads here
        var topic = StreamTopic.Connection("busy");
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), async (i, _) =>
        {
            var subscription = fanOut.Subscribe(topic);
            fanOut.Deliver(topic, Message);
            if (i % 2 == 0)
            {
                await subscription.DisposeAsync();
            }
        });

        Assert.That(fanOut.Deliver(topic, Message), Is.EqualTo(1000));
        Assert.That(fanOut.Counts()[StreamTopicKind.Connection], Is.EqualTo(1000));
    }

    [Test]
    public async Task A_reader_gets_what_was_queued_in_order_then_waits_for_the_next()
    {
        var fanOut = new LocalFanOut(queueCapacity: 16);
        await using var subscription = fanOut.Subscribe(StreamTopic.Broadcast);
        await using var reader = subscription.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        fanOut.Deliver(StreamTopic.Broadcast, new StreamMessage("one", JsonPayload.From(1)));
        fanOut.Deliver(StreamTopic.Broadcast, new StreamMessage("two", JsonPayload.From(2)));

        Assert.That(await reader.MoveNextAsync(), Is.True);
        Assert.That(reader.Current.Event, Is.EqualTo("one"));
        Assert.That(await reader.MoveNextAsync(), Is.True);
        Assert.That(reader.Current.Event, Is.EqualTo("two"));

        var next = reader.MoveNextAsync();
        Assert.That(next.IsCompleted, Is.False, "nothing queued: it waits");
        fanOut.Deliver(StreamTopic.Broadcast, new StreamMessage("three", JsonPayload.From(3)));
        Assert.That(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(reader.Current.Event, Is.EqualTo("three"));
    }

    [Test]
    public async Task A_subscriber_that_falls_a_whole_queue_behind_reads_what_it_has_then_learns_it_was_too_slow()
    {
        var slow = 0;
        var fanOut = new LocalFanOut(queueCapacity: 2, () => slow++);
        await using var subscription = fanOut.Subscribe(StreamTopic.Broadcast);
        var delivered = Enumerable.Range(0, 4).Select(i => fanOut.Deliver(StreamTopic.Broadcast, new StreamMessage($"e{i}", JsonPayload.From(i)))).ToList();

        Assert.That(delivered, Is.EqualTo(new[] { 1, 1, 0, 0 }));
        Assert.That(slow, Is.EqualTo(1), "told once");
        var read = new List<string>();
        var ex = Assert.ThrowsAsync<SlowSubscriberException>(async () =>
        {
            await foreach (var message in subscription.ReadAllAsync(CancellationToken.None))
            {
                read.Add(message.Event);
            }
        });
        Assert.That(read, Is.EqualTo(new[] { "e0", "e1" }));
        Assert.That(ex, Is.Not.Null);
    }

    [Test]
    public async Task A_waiting_read_ends_when_its_token_is_cancelled_and_quietly_when_the_subscription_is_disposed()
    {
        var fanOut = new LocalFanOut(queueCapacity: 16);
        using var cancel = new CancellationTokenSource();
        var cancelled = fanOut.Subscribe(StreamTopic.Broadcast);
        var waiting = cancelled.ReadAllAsync(cancel.Token).GetAsyncEnumerator().MoveNextAsync().AsTask();
        await cancel.CancelAsync();
        Assert.That(async () => await waiting.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        await cancelled.DisposeAsync();

        var left = fanOut.Subscribe(StreamTopic.Broadcast);
        var read = left.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator().MoveNextAsync().AsTask();
        await left.DisposeAsync();
        Assert.That(await read.WaitAsync(TimeSpan.FromSeconds(10)), Is.False);
        Assert.That(fanOut.HasSubscribers(StreamTopic.Broadcast), Is.False);
    }

    [Test]
    public async Task The_newest_id_is_known_while_the_topic_is_followed_without_a_break()
    {
        var fanOut = new LocalFanOut(queueCapacity: 16);
        var topic = StreamTopic.Broadcast;
        string? Newest() => fanOut.TryGetNewestId(topic, out var id) ? id ?? "(none)" : null;
        fanOut.RememberNewest(topic, "1-0");
        Assert.That(Newest(), Is.Null, "nobody follows the topic");

        var subscription = fanOut.Subscribe(topic);
        Assert.That(Newest(), Is.Null, "nothing came or was told since");
        fanOut.RememberNewest(topic, null);
        Assert.That(Newest(), Is.EqualTo("(none)"), "the history was read empty");
        fanOut.Deliver(topic, Message with { Id = "5-0" });
        fanOut.Deliver(topic, Message); // without an id (a transient event)
        Assert.That(Newest(), Is.EqualTo("5-0"));
        fanOut.RememberNewest(topic, "4-0");
        Assert.That(Newest(), Is.EqualTo("5-0"), "what came is kept over what was read before");

        fanOut.DeliverToAll(StreamMessage.Suspended);
        Assert.That(Newest(), Is.Null, "what came while suspended is not known here");
        fanOut.RememberNewest(topic, "6-0");
        Assert.That(Newest(), Is.Null, "read while suspended: something newer may come meanwhile, and not here");
        fanOut.Deliver(topic, StreamMessage.Resubscribed);
        Assert.That(Newest(), Is.Null);
        fanOut.RememberNewest(topic, "6-0");
        Assert.That(Newest(), Is.EqualTo("6-0"));
        fanOut.Deliver(topic, Message with { Id = "7-0" });
        Assert.That(Newest(), Is.EqualTo("7-0"));

        await subscription.DisposeAsync();
        Assert.That(Newest(), Is.Null, "not followed: nothing is known");
        await using var again = fanOut.Subscribe(topic);
        Assert.That(Newest(), Is.Null);
    }
}
