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
}
