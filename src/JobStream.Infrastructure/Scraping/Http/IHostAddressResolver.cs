using System.Net;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Turns a host name into addresses for <see cref="OutboundAddressPolicy"/>: the one place every
/// outbound connection, the HTTP client's and the browser's, resolves names.
/// </summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
