namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// One company's board on an ATS: the system and the company's token there ("stripe", "ramp"), and
/// whether it lives in the ATS's EU region (boards.eu.greenhouse.io, jobs.eu.lever.co), whose API is
/// another host.
/// </summary>
public sealed record AtsBoard(AtsKind Kind, string Token, bool Eu = false);
