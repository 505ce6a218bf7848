namespace JobStream.TestServers;

/// <summary>What the tests count from many threads at once.</summary>
public static class Atomic
{
    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if that is higher: the most seen at once.</summary>
    public static void RaiseTo(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
