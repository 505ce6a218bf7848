using Microsoft.Extensions.Options;

namespace JobStream.Api.Operations;

/// <summary>
/// A start stopped by a bad setting ends with one line that names the setting and exit code 1, not the
/// runtime's report of an unhandled exception with its stack trace. Only the process's own unhandled
/// exception comes here: a test host that runs the entry point sees the exception itself.
/// </summary>
public static class StartFailure
{
    public static void ReportBadSettings() => AppDomain.CurrentDomain.UnhandledException += (_, unhandled) =>
    {
        if (Failures(unhandled.ExceptionObject as Exception) is { Count: > 0 } failures)
        {
            Console.Error.WriteLine($"JobStream cannot start: {string.Join("; ", failures)}");
            Environment.Exit(1);
        }
    };

    private static List<string> Failures(Exception? exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.All(inner => inner is OptionsValidationException) => [.. all.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
