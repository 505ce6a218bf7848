using System.Text.Json;
using JobStream.Application.Serialization;

namespace JobStream.UnitTests.Api.Serialization;

public sealed class ReadableJsonEncoderTests
{
    private static readonly JsonSerializerOptions Options = Create();

    [TestCase("Café Zürich", "\"Café Zürich\"")]
    [TestCase("東京 🚀 Ünïcode", "\"東京 🚀 Ünïcode\"")]
    [TestCase("<b>&'</b>", "\"<b>&'</b>\"")]
    [TestCase("quote \" backslash \\", "\"quote \\\" backslash \\\\\"")]
    [TestCase("line\nbreak\r\ttab", "\"line\\nbreak\\r\\ttab\"")]
    [TestCase("bell\u0007nul\0", "\"bell\\u0007nul\\u0000\"")]
    public void Escapes_only_what_json_requires(string value, string expected)
    {
        Assert.That(JsonSerializer.Serialize(value, Options), Is.EqualTo(expected));
    }

    [Test]
    public void A_lone_surrogate_is_escaped_rather_than_written_as_invalid_utf8()
    {
        var json = JsonSerializer.Serialize("a\ud800b", Options);

        Assert.That(json, Does.Not.Contain("\ud800"));
        Assert.That(System.Text.Unicode.Utf8.IsValid(System.Text.Encoding.UTF8.GetBytes(json)), Is.True);
    }

    [Test]
    public void Any_string_round_trips()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0, 0x3000)).ToArray();
            var value = new string(chars);
            if (value.Any(char.IsSurrogate))
            {
                continue;
            }
            Assert.That(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, Options)), Is.EqualTo(value));
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        JsonDefaults.Apply(options);
        return options;
    }
}
