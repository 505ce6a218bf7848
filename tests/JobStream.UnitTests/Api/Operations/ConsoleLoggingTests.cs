using JobStream.Api.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace JobStream.UnitTests.Api.Operations;

public sealed class ConsoleLoggingTests
{
    [Test]
    public void The_console_takes_no_scopes_unless_its_formatter_writes_them()
    {
        using var plain = Providers(new Dictionary<string, string?>());
        using var withScopes = Providers(new Dictionary<string, string?> { ["Logging:Console:FormatterOptions:IncludeScopes"] = "true" });

        Assert.That(plain.GetServices<ILoggerProvider>(), Has.None.InstanceOf<ISupportExternalScope>());
        Assert.That(plain.GetServices<ILoggerProvider>().Single(), Is.InstanceOf<ConsoleLogging.WithoutScopes>());
        Assert.That(withScopes.GetServices<ILoggerProvider>().Single(), Is.InstanceOf<ConsoleLoggerProvider>());
    }

    [Test]
    public void The_console_filters_still_apply_to_it()
    {
        using var services = Providers(new Dictionary<string, string?> { ["Logging:Console:LogLevel:Default"] = "Error" });
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("JobStream.Tests");

        Assert.That(logger.IsEnabled(LogLevel.Warning), Is.False);
        Assert.That(logger.IsEnabled(LogLevel.Error), Is.True);
    }

    private static ServiceProvider Providers(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsoleLog(configuration))
            .BuildServiceProvider();
    }
}
