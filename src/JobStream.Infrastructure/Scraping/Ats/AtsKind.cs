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
    Teamtailor,
    Pinpoint,
    BambooHr,
}
