using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JobStream.Benchmarks.Hub;

/// <summary>Called for every event a <see cref="SseClient"/> reads: its name (empty when unnamed) and its data.</summary>
internal delegate void SseEventHandler(SseClient client, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data);

/// <summary>
/// A lean SSE client for holding thousands of streams from one process on a 2-core machine: one socket,
/// one HTTP/1.1 GET, a chunked-body decoder and an SSE line parser over a fixed buffer, with no per-event
/// allocation. HttpClient with SseParser would do the same work at several times the CPU per event, and
/// the load generator shares the machine with the server it measures.
/// </summary>
internal sealed class SseClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly SseEventHandler _onEvent;
    private readonly TaskCompletionSource<string> _firstEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _buffer = new byte[8192];
    private byte[] _chunkSizeLine = new byte[1024];
    private int _chunkSizeLineLength;
    private byte[] _data = new byte[1024];
    private int _dataLength;
    private byte[] _name = new byte[64];
    private int _nameLength;
    private bool _chunked;
    private long _chunkRemaining = -1; // -1: reading a chunk-size line
    private int _chunkCrlfLeft; // the CRLF after a chunk's data
    private byte[] _sseLine = new byte[1024];
    private int _sseLineLength;

    private SseClient(SseEventHandler onEvent)
    {
        _onEvent = onEvent;
        _socket.NoDelay = true;
        // Closing resets the connection instead of leaving it in TIME_WAIT: 10,000 connections per run
        // would otherwise use up the loopback's ephemeral ports over a few runs.
        _socket.LingerState = new LingerOption(true, 0);
    }

    /// <summary>Set by the benchmark: which of its streams this is.</summary>
    public int Index { get; init; }

    /// <summary>The data of the stream's first event (JobStream's <c>connected</c>).</summary>
    public string FirstData { get; private set; } = "";

    /// <summary>Ends when the server closes the stream or the client is disposed.</summary>
    public Task Reading { get; private set; } = Task.CompletedTask;

    /// <summary>Connects, asks for the stream and returns once its first event has arrived.</summary>
    public static async Task<SseClient> OpenAsync(IPEndPoint server, string pathAndQuery, int index, SseEventHandler onEvent, CancellationToken cancellationToken)
    {
        var client = new SseClient(onEvent) { Index = index };
        try
        {
            await client._socket.ConnectAsync(server, cancellationToken);
            var request = Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.1\r\nHost: {server}\r\nAccept: text/event-stream\r\n\r\n");
            await client._socket.SendAsync(request, SocketFlags.None, cancellationToken);
            client.Reading = client.ReadAsync();
            await client._firstEvent.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Opens streams 0 to <paramref name="count"/> - 1, 64 handshakes at a time, each until its first event.</summary>
    public static async Task<SseClient[]> OpenManyAsync(IPEndPoint server, string pathAndQuery, int count, SseEventHandler onEvent)
    {
        var clients = new SseClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, cancellationToken) =>
            clients[i] = await OpenAsync(server, pathAndQuery, i, onEvent, cancellationToken));
        return clients;
    }

    public static void CloseAll(IEnumerable<SseClient> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReadAsync()
    {
        try
        {
            var headerLength = 0;
            while (true)
            {
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(headerLength), SocketFlags.None);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection before answering");
                }
                headerLength += read;
                var end = _buffer.AsSpan(0, headerLength).IndexOf("\r\n\r\n"u8);
                if (end < 0)
                {
                    continue;
                }
                ReadHeaders(_buffer.AsSpan(0, end));
                Feed(_buffer.AsSpan(end + 4, headerLength - end - 4));
                break;
            }
            while (true)
            {
                var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                Feed(_buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            _firstEvent.TrySetException(ex);
        }
        _firstEvent.TrySetException(new IOException("the stream ended before its first event"));
    }

    private void ReadHeaders(ReadOnlySpan<byte> headers)
    {
        var text = Encoding.ASCII.GetString(headers);
        if (!text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            throw new IOException($"the server answered {text.Split("\r\n")[0]}");
        }
        _chunked = text.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
    }

    // Undoes the chunked transfer coding and hands the body to the SSE parser.
    private void Feed(ReadOnlySpan<byte> bytes)
    {
        if (!_chunked)
        {
            Parse(bytes);
            return;
        }
        while (!bytes.IsEmpty)
        {
            if (_chunkCrlfLeft > 0)
            {
                var skip = Math.Min(bytes.Length, _chunkCrlfLeft);
                _chunkCrlfLeft -= skip;
                bytes = bytes[skip..];
                continue;
            }
            if (_chunkRemaining < 0)
            {
                var newline = bytes.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    Append(ref _chunkSizeLine, ref _chunkSizeLineLength, bytes);
                    return;
                }
                Append(ref _chunkSizeLine, ref _chunkSizeLineLength, bytes[..(newline + 1)]);
                bytes = bytes[(newline + 1)..];
                var sizeText = _chunkSizeLine.AsSpan(0, _chunkSizeLineLength).TrimEnd("\r\n"u8);
                var extension = sizeText.IndexOf((byte)';');
                if (extension >= 0)
                {
                    sizeText = sizeText[..extension];
                }
                if (!Utf8Parser.TryParse(sizeText, out long size, out _, 'x'))
                {
                    throw new IOException("bad chunk size");
                }
                _chunkSizeLineLength = 0;
                if (size == 0)
                {
                    return; // the last chunk: the server ended the stream
                }
                _chunkRemaining = size;
                continue;
            }
            var take = (int)Math.Min(_chunkRemaining, bytes.Length);
            Parse(bytes[..take]);
            bytes = bytes[take..];
            _chunkRemaining -= take;
            if (_chunkRemaining == 0)
            {
                _chunkRemaining = -1;
                _chunkCrlfLeft = 2;
            }
        }
    }

    private void Parse(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(ref _sseLine, ref _sseLineLength, bytes);
                return;
            }
            ReadOnlySpan<byte> line;
            if (_sseLineLength == 0)
            {
                line = bytes[..newline];
            }
            else
            {
                Append(ref _sseLine, ref _sseLineLength, bytes[..newline]);
                line = _sseLine.AsSpan(0, _sseLineLength);
            }
            Line(line.TrimEnd((byte)'\r'));
            _sseLineLength = 0;
            bytes = bytes[(newline + 1)..];
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            if (_dataLength > 0)
            {
                var name = _name.AsSpan(0, _nameLength);
                var data = _data.AsSpan(0, _dataLength);
                if (!_firstEvent.Task.IsCompleted)
                {
                    FirstData = Encoding.UTF8.GetString(data);
                    _firstEvent.TrySetResult(FirstData);
                }
                _onEvent(this, name, data);
            }
            _dataLength = 0;
            _nameLength = 0;
            return;
        }
        if (line[0] == (byte)':')
        {
            return; // a comment: the keepalive
        }
        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }
        if (field.SequenceEqual("data"u8))
        {
            if (_dataLength > 0)
            {
                Append(ref _data, ref _dataLength, "\n"u8);
            }
            Append(ref _data, ref _dataLength, value);
        }
        else if (field.SequenceEqual("event"u8))
        {
            _nameLength = 0;
            Append(ref _name, ref _nameLength, value);
        }
    }

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes.Length));
        }
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }
}
