using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests;

/// <summary>When every test of this assembly has run: stop the servers the tests shared (PostgreSQL).</summary>
[SetUpFixture]
public sealed class SharedServersTeardown
{
    [OneTimeTearDown]
    public async Task StopShared() => await SharedServers.StopAsync();
}
