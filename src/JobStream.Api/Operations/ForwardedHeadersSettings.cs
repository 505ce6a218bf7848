using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace JobStream.Api.Operations;

/// <summary>
/// Which proxies may tell JobStream the client's address (X-Forwarded-For) and scheme, bound from
/// "ForwardedHeaders": none by default, so a client cannot claim another address to escape its limits.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses or CIDR ranges of trusted proxies (nginx on the same host: 127.0.0.1).</summary>
    public IList<string> KnownProxies { get; } = [];

    public bool IsValid => KnownProxies.All(entry => entry.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _));

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Empty lists would mean "trust every sender" to the middleware: with no proxy named, read no header.
        options.ForwardedHeaders = KnownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in KnownProxies)
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
    }
}
