using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace JobStream.Api.Ui;

/// <summary>
/// Serves the React UI (ui/, built by scripts/run.sh and scripts/test.sh into wwwroot) at <c>/</c>, with
/// <c>index.html</c> for its client-side routes (<c>/live</c>, <c>/jobs</c>, …) but never for the API's
/// own paths, which keep their 404s. Without a build the API runs alone and says so once, at start.
/// </summary>
public static partial class UiHosting
{
    private static readonly string[] ApiPaths = ["/api", "/scrape", "/events", "/health", "/status", "/metrics", "/swagger", "/run"];

    public static WebApplication UseUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = app.Environment.WebRootFileProvider;
        var index = files.GetFileInfo("index.html");
        if (!index.Exists)
        {
            LogNoUi(app.Logger, app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
            return app;
        }
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Vite names its assets after their content: they never change under the same name.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        // GET and HEAD only: a POST the API refuses (a wrong content type: 415) must not land here.
        app.MapFallback("{*path:nonfile}", context =>
        {
            if (ApiPaths.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            return context.Response.SendFileAsync(Current(files));
        }).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    // Looked up per request, so a rebuilt UI is served without a restart.
    private static IFileInfo Current(IFileProvider files) => files.GetFileInfo("index.html");

    [LoggerMessage(Level = LogLevel.Warning, Message = "No UI build in {WebRoot}: the API runs without its UI at /. scripts/run.sh builds it (npm ci, then npm run build, in ui/)")]
    private static partial void LogNoUi(ILogger logger, string webRoot);
}
