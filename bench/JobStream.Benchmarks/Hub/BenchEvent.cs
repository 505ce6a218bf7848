using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// The events the hub benchmarks publish: a job-sized JSON object carrying its sequence number and the
/// monotonic time it was published at (<see cref="Stopwatch.GetTimestamp"/>, which every process on the
/// machine reads from the same clock), so the receiving client can tell latency, loss and duplication.
/// </summary>
internal static class BenchEvent
{
    public const string Name = "bench";

    public static byte[] Data(long sequence) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"seq":{{sequence}},"sent":{{Stopwatch.GetTimestamp()}},"title":"Senior Backend Engineer (Streaming)","company":"Beispiel GmbH","location":"Zürich, Switzerland","location_type":"hybrid","url":"https://careers.example.com/jobs/{{sequence}}"}"""));

    /// <summary>Finds seq and sent wherever they are in the event's JSON (JobStream's /events wraps them in an envelope).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out long sequence, out long sent)
    {
        sequence = -1;
        sent = -1;
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                if (reader.ValueTextEquals("seq"u8) && reader.Read())
                {
                    sequence = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("sent"u8) && reader.Read())
                {
                    sent = reader.GetInt64();
                }
                if (sequence >= 0 && sent >= 0)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
