using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Api.Sse;
using JobStream.Domain.Scraping;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Streaming;

namespace JobStream.UnitTests.Api.Sse;

public sealed class SseEventWriterTests
{
    private static readonly JsonSerializerOptions Json = Create();

    [Test]
    public async Task An_unnamed_hub_event_is_one_data_event_without_an_event_line()
    {
        var bytes = await WriteAsync(new StreamMessage(StreamMessage.Unnamed, JsonPayload.From(ScrapeResult.Failure("a.com", "HTTP 500"))));

        Assert.That(bytes, Is.EqualTo("data: {\"domain\":\"a.com\",\"status\":\"error\",\"jobs\":[],\"error\":\"HTTP 500\"}\n\n"));
    }

    [Test]
    public async Task Tricky_data_stays_inside_one_data_line()
    {
        var error = "line1\nline2\r\nevent: forged\r\rdata: x\u0001 \"quoted\" é 日本 🚀";

        var bytes = await WriteAsync(new StreamValue<MissedEvents>(new MissedEvents(error, null)));

        Assert.That(bytes, Is.EqualTo(
            "event: missed\ndata: {\"message\":" +
            "\"line1\\nline2\\r\\nevent: forged\\r\\rdata: x\\u0001 \\\"quoted\\\" é 日本 🚀\"}\n\n"));
        var parsed = await ParseAsync(bytes);
        Assert.That(parsed, Has.Count.EqualTo(1));
        Assert.That(JsonDocument.Parse(parsed[0].Data).RootElement.GetProperty("message").GetString(), Is.EqualTo(error));
    }

    [Test]
    public async Task A_named_event_writes_its_id_name_and_retry_before_the_data()
    {
        var bytes = await WriteAsync(new StreamMessage("progress", JsonPayload.From(new { completed = 1 }), "42"), TimeSpan.FromSeconds(3));

        Assert.That(bytes, Is.EqualTo("id: 42\nevent: progress\nretry: 3000\ndata: {\"completed\":1}\n\n"));
        var parsed = (await ParseAsync(bytes)).Single();
        Assert.That(parsed.EventType, Is.EqualTo("progress"));
        Assert.That(parsed.EventId, Is.EqualTo("42"));
        Assert.That(parsed.ReconnectionInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task A_value_is_named_by_its_type()
    {
        var bytes = await WriteAsync(new StreamValue<RunStarted>(new RunStarted("r1", Resumed: false), "r1/0"));

        Assert.That(bytes, Is.EqualTo("id: r1/0\nevent: run\ndata: {\"run_id\":\"r1\",\"resumed\":false}\n\n"));
    }

    [Test]
    public async Task A_position_is_fields_only_which_parsers_do_not_dispatch()
    {
        var bytes = await WriteAsync(new StreamPosition("r1/0"), TimeSpan.FromSeconds(3));

        Assert.That(bytes, Is.EqualTo("id: r1/0\nretry: 3000\n\n"));
        Assert.That(await ParseAsync(bytes), Is.Empty);
    }

    [TestCase("progress\nevent: forged")]
    [TestCase("a\rb")]
    [TestCase("nul\0")]
    public void An_event_name_with_a_line_break_is_refused_before_anything_is_written(string name)
    {
        var pipe = new Pipe();
        var writer = new SseEventWriter(pipe.Writer, Json);

        Assert.Throws<ArgumentException>(() => writer.Write(new StreamMessage(name, JsonPayload.Null)));
        Assert.That(pipe.Writer.UnflushedBytes, Is.Zero);
    }

    [Test]
    public void An_id_with_a_line_break_is_refused()
    {
        var pipe = new Pipe();
        var writer = new SseEventWriter(pipe.Writer, Json);

        Assert.Throws<ArgumentException>(() => writer.Write(new StreamPosition("1\ndata: forged")));
        Assert.That(pipe.Writer.UnflushedBytes, Is.Zero);
    }

    [Test]
    public async Task Streams_that_take_turns_serialising_values_each_get_only_their_own()
    {
        var one = new Pipe();
        var other = new Pipe();
        var first = new SseEventWriter(one.Writer, Json);
        var second = new SseEventWriter(other.Writer, Json);

        first.Write(new StreamValue<RunStarted>(new RunStarted("r1", Resumed: false)));
        second.Write(new StreamValue<RunStarted>(new RunStarted("r2", Resumed: true)));
        first.Write(new StreamValue<RunStarted>(new RunStarted("r3", Resumed: false)));
        await one.Writer.CompleteAsync();
        await other.Writer.CompleteAsync();

        var firstText = Encoding.UTF8.GetString((await one.Reader.ReadAsync()).Buffer);
        var secondText = Encoding.UTF8.GetString((await other.Reader.ReadAsync()).Buffer);
        Assert.That(firstText, Does.Contain("r1").And.Contain("r3").And.Not.Contain("r2"));
        Assert.That(secondText, Does.Contain("r2").And.Not.Contain("r1"));
        Assert.That((await ParseAsync(firstText)).Count, Is.EqualTo(2));
    }

    [Test]
    public void A_value_nobody_named_is_refused()
    {
        var pipe = new Pipe();
        var writer = new SseEventWriter(pipe.Writer, Json);

        Assert.Throws<InvalidOperationException>(() => writer.Write(new StreamValue<ScrapeResult>(ScrapeResult.Failure("a.com", "x"))));
    }

    [Test]
    public async Task A_ping_is_a_comment_that_parsers_skip()
    {
        var pipe = new Pipe();
        var writer = new SseEventWriter(pipe.Writer, Json);
        writer.WritePing();
        await writer.WriteAsync(new StreamMessage(StreamMessage.Unnamed, JsonPayload.From("after")), CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var bytes = Encoding.UTF8.GetString((await pipe.Reader.ReadAsync()).Buffer);

        Assert.That(bytes, Is.EqualTo(": ping\n\ndata: \"after\"\n\n"));
        Assert.That((await ParseAsync(bytes)).Select(i => i.Data), Is.EqualTo(new[] { "\"after\"" }));
    }

    private static async Task<string> WriteAsync(StreamItem item, TimeSpan? retry = null)
    {
        var pipe = new Pipe();
        await new SseEventWriter(pipe.Writer, Json).WriteAsync(item, CancellationToken.None, retry);
        await pipe.Writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        return Encoding.UTF8.GetString(result.Buffer);
    }

    private static async Task<List<SseItem<string>>> ParseAsync(string wire)
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(wire))).EnumerateAsync())
        {
            items.Add(item);
        }
        return items;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        JsonDefaults.Apply(options);
        return options;
    }
}
