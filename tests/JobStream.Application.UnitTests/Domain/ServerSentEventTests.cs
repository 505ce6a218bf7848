using JobStream.Domain.Streaming;

namespace JobStream.Application.UnitTests.Domain;

public sealed class ServerSentEventTests
{
    [TestCase("progress\nevent: forged")]
    [TestCase("a\rb")]
    [TestCase("nul\0")]
    public void An_event_name_with_a_line_break_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => _ = new ServerSentEvent("x", name));
    }

    [Test]
    public void An_id_with_a_line_break_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new ServerSentEvent("x", "progress", "1\ndata: forged"));
    }

    [Test]
    public void An_empty_event_name_is_an_unnamed_event()
    {
        Assert.That(new ServerSentEvent("x", "").EventName, Is.Null);
    }
}
