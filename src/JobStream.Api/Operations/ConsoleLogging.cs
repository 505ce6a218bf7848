using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Operations;

/// <summary>
/// The console log (what a container's log shipper reads), with log scopes only where its formatter
/// writes them (<c>Logging:Console:FormatterOptions:IncludeScopes</c>, off by default). A provider that
/// takes the logger factory's scopes has every scope made and kept whether or not anything writes it:
/// three a request (the connection's, the request's, MVC's action's), for as long as the request lasts,
/// which for an event stream is as long as it stays open (bench/run.sh heap).
/// </summary>
public static class ConsoleLogging
{
    public static ILoggingBuilder AddConsoleLog(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        logging.AddConsole();
        if (configuration.GetValue<bool>("Logging:Console:FormatterOptions:IncludeScopes"))
        {
            return logging;
        }
        var console = logging.Services.Single(service => service.ServiceType == typeof(ILoggerProvider) && service.ImplementationType == typeof(ConsoleLoggerProvider));
        logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(provider => new WithoutScopes(new ConsoleLoggerProvider(
            provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), provider.GetServices<ConsoleFormatter>())));
        return logging;
    }

    /// <summary>
    /// The console provider, not offering to take the factory's scopes: the factory then asks its loggers
    /// for scopes, and a console logger given no scope provider makes none. Its alias keeps the
    /// <c>Logging:Console:LogLevel</c> filters applying to it.
    /// </summary>
    [ProviderAlias("Console")]
    internal sealed class WithoutScopes(ConsoleLoggerProvider console) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => console.CreateLogger(categoryName);

        public void Dispose() => console.Dispose();
    }
}
