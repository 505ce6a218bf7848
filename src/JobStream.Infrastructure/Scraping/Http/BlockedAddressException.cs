namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// A connection <see cref="OutboundAddressPolicy"/> refused. The message names neither the addresses
/// the host resolved to nor anything else about the network it would have reached.
/// </summary>
public sealed class BlockedAddressException(string host, string reason) : IOException(reason)
{
    public const string NotPublic = "not a public address";

    public string Host { get; } = host;

    public static BlockedAddressException NotPublicAddress(string host) => new(host, NotPublic);

    public static BlockedAddressException PortNotAllowed(string host, int port) => new(host, $"port {port} is not allowed");

    /// <summary>The refusal a failed request comes from (HttpClient wraps it), or null when it failed otherwise.</summary>
    public static BlockedAddressException? Within(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BlockedAddressException blocked)
            {
                return blocked;
            }
        }
        return null;
    }
}
