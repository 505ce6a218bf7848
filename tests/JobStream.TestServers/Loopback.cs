using System.Net;
using System.Net.Sockets;

namespace JobStream.TestServers;

/// <summary>Where the servers the tests start listen: free ports on 127.0.0.1.</summary>
public static class Loopback
{
    /// <summary>A port nothing listens on right now (the OS's choice for an ephemeral listener).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True once something accepts TCP connections on the port.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
