using JobStream.Application.Scraping;

namespace JobStream.Infrastructure.Scraping.Rendering;

/// <summary>
/// The renderer's state for /status and readiness. A class of its own so that the container owns the
/// renderer through one registration only: a factory handing out the renderer itself would have it
/// disposed once per registration.
/// </summary>
public sealed class BrowserStatusSource(BrowserRenderer renderer) : IBrowserStatusSource
{
    public BrowserStatus Status => renderer.Status;
}
