namespace JobStream.Application.Streaming;

/// <summary>
/// Event ids are Redis stream ids, "milliseconds-sequence", in memory as well as in Redis, so they
/// order the same way everywhere. The id a client sees is "{connection_id}/{event id}": a client that
/// reconnects to /api/v1/stream with Last-Event-ID is put back on its own connection.
/// </summary>
public static class StreamEventId
{
    /// <summary>The id before every event: a client that has it has seen nothing yet.</summary>
    public const string Beginning = "0-0";

    /// <summary>The largest id there can be: nothing comes after it.</summary>
    public const string Largest = "18446744073709551615-18446744073709551615";

    public static string ForClient(string connectionId, string eventId) => $"{connectionId}/{eventId}";

    public static bool TryParseClient(string? lastEventId, out string connectionId, out string eventId)
    {
        connectionId = eventId = "";
        var slash = lastEventId?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || !TryParse(lastEventId![(slash + 1)..], out _))
        {
            return false;
        }
        connectionId = lastEventId[..slash];
        eventId = lastEventId[(slash + 1)..];
        return true;
    }

    /// <summary>Negative, zero or positive as <paramref name="a"/> is before, equal to or after <paramref name="b"/>.</summary>
    public static int Compare(string a, string b)
    {
        if (!TryParse(a, out var x) || !TryParse(b, out var y))
        {
            return string.CompareOrdinal(a, b);
        }
        return x.CompareTo(y);
    }

    /// <summary>True for an event id as Redis streams write them, "milliseconds-sequence".</summary>
    public static bool IsValid(string? id) => id is not null && TryParse(id, out _);

    private static bool TryParse(string id, out (ulong Milliseconds, ulong Sequence) value)
    {
        value = default;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
               && ulong.TryParse(id.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value.Milliseconds)
               && ulong.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value.Sequence);
    }
}
