using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Api.Sse;
using JobStream.Domain.Scraping;
using JobStream.Domain.Streaming;

namespace JobStream.Api.FunctionalTests.Sse;

public sealed class SseEventWriterTests
{
    private static readonly JsonSerializerOptions Json = Create();

    [Test]
    public async Task A_plain_item_is_one_unnamed_data_event()
    {
        var bytes = await WriteAsync(ScrapeResult.Failure("a.com", "HTTP 500"));

        Assert.That(bytes, Is.EqualTo("data: {\"domain\":\"a.com\",\"status\":\"error\",\"jobs\":[],\"error\":\"HTTP 500\"}\n\n"));
    }

    [Test]
    public async Task Tricky_data_stays_inside_one_data_line()
    {
        var error = "line1\nline2\r\nevent: forged\r\rdata: x\u0001 \"quoted\" é 日本 🚀";

        var bytes = await WriteAsync(ScrapeResult.Failure("a.com", error));

        Assert.That(bytes, Is.EqualTo(
            "data: {\"domain\":\"a.com\",\"status\":\"error\",\"jobs\":[],\"error\":" +
            "\"line1\\nline2\\r\\nevent: forged\\r\\rdata: x\\u0001 \\\"quoted\\\" é 日本 🚀\"}\n\n"));
        var parsed = await ParseAsync(bytes);
        Assert.That(parsed, Has.Count.EqualTo(1));
        Assert.That(JsonDocument.Parse(parsed[0].Data).RootElement.GetProperty("error").GetString(), Is.EqualTo(error));
    }

    [Test]
    public async Task A_named_event_writes_its_id_name_and_retry_before_the_data()
    {
        var bytes = await WriteAsync(new ServerSentEvent(new { completed = 1 }, "progress", "42", TimeSpan.FromSeconds(3)));

        Assert.That(bytes, Is.EqualTo("id: 42\nevent: progress\nretry: 3000\ndata: {\"completed\":1}\n\n"));
        var parsed = (await ParseAsync(bytes)).Single();
        Assert.That(parsed.EventType, Is.EqualTo("progress"));
        Assert.That(parsed.EventId, Is.EqualTo("42"));
        Assert.That(parsed.ReconnectionInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task A_ping_is_a_comment_that_parsers_skip()
    {
        var pipe = new Pipe();
        using (var writer = new SseEventWriter(pipe.Writer, Json))
        {
            await writer.WritePingAsync(CancellationToken.None);
            await writer.WriteAsync("after", CancellationToken.None);
        }
        await pipe.Writer.CompleteAsync();
        var bytes = Encoding.UTF8.GetString((await pipe.Reader.ReadAsync()).Buffer);

        Assert.That(bytes, Is.EqualTo(": ping\n\ndata: \"after\"\n\n"));
        Assert.That((await ParseAsync(bytes)).Select(i => i.Data), Is.EqualTo(new[] { "\"after\"" }));
    }

    private static async Task<string> WriteAsync(object item)
    {
        var pipe = new Pipe();
        using (var writer = new SseEventWriter(pipe.Writer, Json))
        {
            await writer.WriteAsync(item, CancellationToken.None);
        }
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
