namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>One company's board on an ATS: the system and the company's token there ("stripe", "ramp").</summary>
public sealed record AtsBoard(AtsKind Kind, string Token);
