using JobStream.Application.Watches;

namespace JobStream.Application.UnitTests.Watches;

public sealed class WatchPeriodTests
{
    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("1h", 3600)]
    [TestCase("1h30m", 5400)]
    [TestCase("1d", 86400)]
    [TestCase(" 2H ", 7200)]
    public void Periods_read_as_people_write_them(string text, int seconds)
    {
        Assert.That(WatchPeriod.TryParse(text, out var period), Is.True);
        Assert.That(period, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        Assert.That(WatchPeriod.TryParse(WatchPeriod.Format(period), out var again) && again == period, Is.True, "written back as it reads");
    }

    [TestCase("")]
    [TestCase("1")]
    [TestCase("h")]
    [TestCase("1 h")]
    [TestCase("0m")]
    [TestCase("-1h")]
    [TestCase("1w")]
    [TestCase("99999999999999999999d")]
    [TestCase("100001d")]
    public void Anything_else_is_not_a_period(string text) =>
        Assert.That(WatchPeriod.TryParse(text, out _), Is.False);
}
