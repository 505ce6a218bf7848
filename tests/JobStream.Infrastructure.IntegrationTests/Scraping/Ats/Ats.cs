using JobStream.Infrastructure.Scraping.Ats;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Ats;

/// <summary>The ATS providers as the service registers them.</summary>
internal static class Ats
{
    public static AtsProviders Providers { get; } =
        AtsProviders.AddAtsProviders(new ServiceCollection()).BuildServiceProvider().GetRequiredService<AtsProviders>();

    public static AtsProvider Provider(string name) => Providers.Named(name);

    public static AtsBoard Board(string provider, string token, bool eu = false) => new(Provider(provider), token, eu);
}
