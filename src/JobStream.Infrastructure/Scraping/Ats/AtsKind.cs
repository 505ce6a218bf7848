namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>Applicant-tracking systems whose public job-board JSON APIs the scraper reads.</summary>
public enum AtsKind
{
    Greenhouse,
    Lever,
    Ashby,
    Workable,
    SmartRecruiters,
    Recruitee,
    Workday,
    /// <summary>Workday boards on the shared wdN.myworkdaysite.com/recruiting/{tenant}/{site} host.</summary>
    WorkdaySite,
    Teamtailor,
    Pinpoint,
    BambooHr,
    /// <summary>Personio's XML feed ({company}.jobs.personio.de/xml), not JSON.</summary>
    Personio,
}
