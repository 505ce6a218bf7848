using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Every ATS the scraper reads, as registered (<see cref="AddAtsProviders"/>: each concrete
/// <see cref="AtsProvider"/> in this assembly, so a new ATS is one file in Providers), and how a
/// company's boards are recognised: from a URL (the site itself may be the board) or from what a careers
/// page shows (links, iframes, script sources, board URLs written inside scripts, and the marks each
/// provider knows, <see cref="AtsProvider.FindOnPage"/>).
/// </summary>
public sealed class AtsProviders(IEnumerable<AtsProvider> providers)
{
    public IReadOnlyList<AtsProvider> All { get; } = [.. providers];

    /// <summary>The provider called <paramref name="name"/> ("Greenhouse").</summary>
    public AtsProvider Named(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? throw new ArgumentException($"no ATS provider is named {name}", nameof(name));

    public IReadOnlyList<AtsBoard> Detect(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return All.SelectMany(p => p.Find(url.AbsoluteUri)).Distinct().ToList();
    }

    public IReadOnlyList<AtsBoard> Detect(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var sources = document.QuerySelectorAll("a[href], iframe[src], script[src], link[href], [data-url], [data-src]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("data-url"), e.GetAttribute("data-src") })
            .OfType<string>()
            .Concat(document.QuerySelectorAll("script:not([src])").Select(s => s.TextContent))
            .ToList();
        return All
            .SelectMany(p => sources.SelectMany(p.Find).Concat(p.FindOnPage(document, pageUrl)))
            .Distinct()
            .ToList();
    }

    /// <summary>Registers every concrete provider in this assembly, in name order, and this registry.</summary>
    public static IServiceCollection AddAtsProviders(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var types = typeof(AtsProvider).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && type.IsSubclassOf(typeof(AtsProvider)))
            .OrderBy(type => type.Name, StringComparer.Ordinal);
        foreach (var type in types)
        {
            services.AddSingleton(typeof(AtsProvider), type);
        }
        services.AddSingleton<AtsProviders>();
        return services;
    }
}
