namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>Workday boards on the shared wdN.myworkdaysite.com/recruiting/{tenant}/{site} host: Workday's API and answers, another host.</summary>
public sealed class WorkdaySiteProvider() : WorkdayProvider(shared: true);
