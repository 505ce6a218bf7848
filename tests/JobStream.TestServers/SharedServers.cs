namespace JobStream.TestServers;

/// <summary>Stops the servers a test run shares (<see cref="PostgresServer.SharedAsync"/>) when its tests are done.</summary>
public static class SharedServers
{
    public static async Task StopAsync() => await PostgresServer.StopSharedAsync();
}
