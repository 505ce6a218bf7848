namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>Applicant-tracking systems whose public job boards the scraper reads, one <see cref="AtsProvider"/> each.</summary>
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
    Breezy,
    Rippling,
    Eightfold,
    /// <summary>Oracle Recruiting Cloud (Candidate Experience sites on *.oraclecloud.com).</summary>
    OracleCloud,
    /// <summary>SAP SuccessFactors career sites, read through their RSS feed.</summary>
    SuccessFactors,
    Dover,
    Comeet,
    Jobvite,
    Icims,
    JazzHr,
    Paylocity,
    /// <summary>Phenom career sites on the company's own domain, their jobs in the page's phApp.ddo.</summary>
    Phenom,
}
