using JobStream.Application.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace JobStream.Application.UnitTests.Streaming;

public sealed class StreamClockTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private FakeTimeProvider _time = null!;
    private StreamClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _clock = new StreamClock(_time);
    }

    [TearDown]
    public void TearDown() => _clock.Dispose();

    [Test]
    public async Task A_wait_ends_with_true_when_the_watched_item_arrives()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        var item = new TaskCompletionSource<bool>();
        alarm.Watch(new ValueTask<bool>(item.Task));

        var wait = alarm.WaitAsync();
        Assert.That(wait.IsCompleted, Is.False);
        item.SetResult(true);

        Assert.That(await wait, Is.True);
    }

    [Test]
    public async Task The_alarm_rings_once_its_interval_has_passed_and_the_item_stays_watched()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        var item = new TaskCompletionSource<bool>();
        alarm.Watch(new ValueTask<bool>(item.Task));

        var wait = alarm.WaitAsync();
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.That(wait.IsCompleted, Is.False, "rang early");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await wait, Is.False, "did not ring");

        alarm.Reset();
        var second = alarm.WaitAsync();
        item.SetResult(true);
        Assert.That(await second, Is.True);
    }

    [Test]
    public async Task An_item_that_arrives_while_the_stream_acts_on_the_alarm_is_not_missed()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        var item = new TaskCompletionSource<bool>();
        alarm.Watch(new ValueTask<bool>(item.Task));
        var wait = alarm.WaitAsync();
        _time.Advance(Interval);
        Assert.That(await wait, Is.False);

        item.SetResult(true); // between two waits: nobody is waiting
        alarm.Reset();

        var next = alarm.WaitAsync();
        Assert.That(next.IsCompleted, Is.True);
        Assert.That(await next, Is.True);
    }

    [Test]
    public async Task Waiting_for_the_item_lets_the_alarm_ring_by()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        var item = new TaskCompletionSource<bool>();
        alarm.Watch(new ValueTask<bool>(item.Task));

        var wait = alarm.WaitForItemAsync();
        _time.Advance(Interval * 3);
        Assert.That(wait.IsCompleted, Is.False);

        item.SetResult(false);
        await wait;
    }

    [Test]
    public void Reset_postpones_the_alarm_by_a_whole_interval()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        alarm.Watch(new ValueTask<bool>(new TaskCompletionSource<bool>().Task));
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        alarm.Reset();

        var wait = alarm.WaitAsync();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(wait.IsCompleted, Is.False);
        Assert.That(alarm.IsDue, Is.False);
    }

    [Test]
    public async Task An_alarm_set_to_ring_at_a_time_of_the_clock_rings_then_whatever_its_interval()
    {
        using var alarm = _clock.CreateAlarm(Interval);
        alarm.Watch(new ValueTask<bool>(new TaskCompletionSource<bool>().Task));
        _time.Advance(TimeSpan.FromSeconds(10) + StreamClock.Resolution);
        alarm.RingAt(alarm.Now + alarm.Span(TimeSpan.FromSeconds(2)));

        var wait = alarm.WaitAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(wait.IsCompleted, Is.False, "two seconds from when it was set");
        _time.Advance(TimeSpan.FromSeconds(1) + StreamClock.Resolution);
        Assert.That(await wait, Is.False, "rang then, long before its own interval");
    }

    [Test]
    public void A_disposed_alarm_no_longer_rings()
    {
        var alarm = _clock.CreateAlarm(Interval);
        alarm.Watch(new ValueTask<bool>(new TaskCompletionSource<bool>().Task));
        var wait = alarm.WaitAsync();
        alarm.Dispose();

        _time.Advance(Interval * 2);

        Assert.That(wait.IsCompleted, Is.False);
    }

    [Test]
    public async Task Many_alarms_on_one_clock_ring_independently()
    {
        using var short_ = _clock.CreateAlarm(TimeSpan.FromSeconds(1));
        using var long_ = _clock.CreateAlarm(TimeSpan.FromSeconds(10));
        short_.Watch(new ValueTask<bool>(new TaskCompletionSource<bool>().Task));
        long_.Watch(new ValueTask<bool>(new TaskCompletionSource<bool>().Task));
        var shortWait = short_.WaitAsync();
        var longWait = long_.WaitAsync();

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(await shortWait, Is.False);
        Assert.That(longWait.IsCompleted, Is.False);
    }
}
