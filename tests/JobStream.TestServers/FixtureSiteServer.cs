using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JobStream.TestServers;

/// <summary>Serves fixture career sites on 127.0.0.1, each on a free port of its own.</summary>
public sealed class FixtureSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, FixtureSite> _sites;

    private FixtureSiteServer(WebApplication app, Dictionary<string, FixtureSite> sites)
    {
        _app = app;
        _sites = sites;
    }

    public FixtureSite this[string name] => _sites[name];

    /// <param name="keepAlive">How long an idle connection is kept open (Kestrel's default otherwise): a benchmark
    /// of thousands of sites closes them soon, so that the open files stay within the limit.</param>
    public static async Task<FixtureSiteServer> StartAsync(IEnumerable<FixtureSite> sites, IPAddress? address = null, TimeSpan? keepAlive = null)
    {
        var list = sites.ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (keepAlive is { } idle)
            {
                kestrel.Limits.KeepAliveTimeout = idle;
            }
            foreach (var _ in list)
            {
                kestrel.Listen(address ?? IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var byPort = new Dictionary<int, FixtureSite>();
        app.Run(context => ServeAsync(byPort[context.Connection.LocalPort], context));
        await app.StartAsync();

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port)
            .ToList();
        for (var i = 0; i < list.Count; i++)
        {
            byPort[ports[i]] = list[i];
            list[i].Url = new Uri($"http://{(address ?? IPAddress.Loopback)}:{ports[i]}/");
        }
        return new FixtureSiteServer(app, list.ToDictionary(s => s.Name));
    }

    private static async Task ServeAsync(FixtureSite site, HttpContext context)
    {
        try
        {
            await ServeCoreAsync(site, context);
        }
        finally
        {
            site.Answered();
        }
    }

    private static async Task ServeCoreAsync(FixtureSite site, HttpContext context)
    {
        var path = FixtureSite.Normalize(context.Request.Path.Value ?? "/");
        site.Requests.Enqueue(path);
        site.ArrivedAt.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        site.FirstRequest.TrySetResult();
        // Counted while the answer is held back, before any of it (headers included) is sent: the time a
        // client's politeness must cover.
        site.Entered();
        try
        {
            if (site.Delay > TimeSpan.Zero)
            {
                await Task.Delay(site.Delay, context.RequestAborted);
            }
            if (site.Gate is not null)
            {
                await site.Gate.Task.WaitAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            site.RequestAborted.TrySetResult();
            return;
        }
        finally
        {
            site.Left();
        }

        if (site.Attempts.AddOrUpdate(path, 1, (_, n) => n + 1) <= site.TransientFailures)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            if (site.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = site.RetryAfter;
            }
            return;
        }
        if (!site.Pages.TryGetValue(path + context.Request.QueryString, out var page) && !site.Pages.TryGetValue(path, out page))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.StatusCode = page.Status;
        if (page.RedirectTo is not null)
        {
            context.Response.Headers.Location = page.RedirectTo;
            return;
        }
        var body = page.Body.Replace(FixturePage.SiteRoot, site.Url.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
        if (site.Validators && page.Status == StatusCodes.Status200OK)
        {
            var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)))[..16]}\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Contains(etag))
            {
                site.NotModified.Enqueue(path);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        context.Response.ContentType = page.ContentType;
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var site in _sites.Values)
        {
            site.Gate?.TrySetResult(); // let held-back answers finish so the server stops promptly
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
