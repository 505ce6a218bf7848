using JobStream.Infrastructure.Scraping.Ats.Providers;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>Every ATS the scraper reads. A new one is a file in Providers and a line here.</summary>
public static class AtsProviders
{
    public static IReadOnlyList<AtsProvider> All { get; } =
    [
        new GreenhouseProvider(),
        new LeverProvider(),
        new AshbyProvider(),
        new WorkableProvider(),
        new SmartRecruitersProvider(),
        new RecruiteeProvider(),
        new WorkdayProvider(),
        new TeamtailorProvider(),
        new PinpointProvider(),
        new BambooHrProvider(),
        new PersonioProvider(),
        new BreezyProvider(),
        new RipplingProvider(),
        new EightfoldProvider(),
        new OracleCloudProvider(),
        new SuccessFactorsProvider(),
        new DoverProvider(),
        new ComeetProvider(),
        new JobviteProvider(),
        new IcimsProvider(),
        new JazzHrProvider(),
        new PaylocityProvider(),
        new PhenomProvider(),
    ];

    private static readonly Dictionary<AtsKind, AtsProvider> ByKind = All.SelectMany(p => p.Kinds.Select(kind => (kind, p))).ToDictionary(x => x.kind, x => x.p);

    public static AtsProvider For(AtsKind kind) => ByKind[kind];
}
