using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// PUBLISH over one plain socket, as the baseline's events go over one plain socket: the publisher's
/// own client library must not add its queues and threads to the latency measured for the server.
/// Replies (the number of receivers) are read and dropped by a background loop.
/// </summary>
internal sealed class RedisPublisher : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Lock _writing = new();
    private Task _replies = Task.CompletedTask;

    private byte[] _command = "PUBLISH"u8.ToArray();

    /// <param name="command">PUBLISH, or SPUBLISH for a cluster's sharded channels.</param>
    public static async Task<RedisPublisher> ConnectAsync(int port, string command = "PUBLISH")
    {
        var publisher = new RedisPublisher { _command = Encoding.ASCII.GetBytes(command) };
        await publisher._socket.ConnectAsync(IPAddress.Loopback, port);
        publisher._replies = publisher.DrainRepliesAsync();
        return publisher;
    }

    public void Publish(string channel, ReadOnlySpan<byte> payload)
    {
        var command = new List<byte>(payload.Length + channel.Length + 48);
        command.AddRange(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"*3\r\n${_command.Length}\r\n{Encoding.ASCII.GetString(_command)}\r\n${Encoding.UTF8.GetByteCount(channel)}\r\n{channel}\r\n${payload.Length}\r\n")));
        command.AddRange(payload);
        command.AddRange("\r\n"u8);
        lock (_writing)
        {
            _socket.Send(command.ToArray());
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task DrainRepliesAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
