namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// One company's board on an ATS: the system (its provider) and the company's token there ("stripe", "ramp"; for
/// boards on several parts, such as Workday's "tenant/wdN/site", the parts joined by '/'; for a board on
/// the company's own domain, that site's origin), and whether it lives in the ATS's EU region
/// (boards.eu.greenhouse.io, jobs.eu.lever.co), whose API is another host.
/// </summary>
public sealed record AtsBoard(AtsProvider Provider, string Token, bool Eu = false);
