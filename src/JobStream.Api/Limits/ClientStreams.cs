using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Limits;

/// <summary>Open event streams per client on this instance, capped by <see cref="LimitsOptions.MaxStreamsPerClient"/>.</summary>
public sealed class ClientStreams(IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A lease that counts one more stream of <paramref name="client"/> until disposed, or null past the cap.</summary>
    public IDisposable? TryOpen(string client)
    {
        if (_open.AddOrUpdate(client, 1, static (_, count) => count + 1) > limits.Value.MaxStreamsPerClient)
        {
            Close(client);
            return null;
        }
        return new Lease(this, client);
    }

    private void Close(string client)
    {
        if (_open.AddOrUpdate(client, 0, static (_, count) => count - 1) == 0)
        {
            _open.TryRemove(KeyValuePair.Create(client, 0)); // only if nobody opened one meanwhile
        }
    }

    private sealed class Lease(ClientStreams owner, string client) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                owner.Close(client);
            }
        }
    }
}
