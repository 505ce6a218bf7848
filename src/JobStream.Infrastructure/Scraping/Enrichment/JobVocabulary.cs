using System.Text.RegularExpressions;

namespace JobStream.Infrastructure.Scraping.Enrichment;

/// <summary>What a word in a job's title, location or stated type says about it.</summary>
public enum WordSense
{
    Hybrid,
    Remote,
    Internship,
    PartTime,
    Contract,
    Temporary,
    Volunteer,
    FullTime,
    InternLevel,
    ExecutiveLevel,
    DirectorLevel,
    PrincipalLevel,
    StaffLevel,
    LeadLevel,
    SeniorLevel,
    JuniorLevel,
    ManagerLevel,
}

/// <summary>
/// The enricher's words, in English, German, French, Spanish, Italian, Dutch and (for employment) the
/// Nordic languages: one line a word, with every sense it carries, so that a word means the same
/// wherever it is read ("Werkstudent" is a part-time job and an intern's level, in one place). Each
/// sense's words become one whole-word, any-case, non-backtracking pattern.
/// </summary>
public static class JobVocabulary
{
    private static readonly (string Words, WordSense[] Senses)[] Table =
    [
        (@"hybrid|hybride|h[íi]brido|ibrido", [WordSense.Hybrid]),
        (@"remote|work from home|wfh|telecommute|anywhere|t[ée]l[ée]travail|teletrabajo|remoto|home[ -]?office|mobiles arbeiten", [WordSense.Remote]),
        (@"intern|internship|praktikum|praktikant(in)?|stagiaire|alternance|alternant(e)?|apprentice(ship)?|praktik|harjoittelu|harjoittelija", [WordSense.Internship, WordSense.InternLevel]),
        (@"ausbildung|auszubildende[r]?|pr[áa]cticas|pasant[íi]a|becari[oa]|tirocinio|tirocinante", [WordSense.Internship, WordSense.InternLevel]),
        (@"werkstudent(in)?", [WordSense.PartTime, WordSense.InternLevel]),
        (@"trainee", [WordSense.InternLevel]),
        (@"part ?time|teilzeit|temps partiel|tiempo parcial|media jornada|tempo parziale|minijob|deltid|osa ?aikainen", [WordSense.PartTime]),
        (@"contract|contractor|freelance|freelancer|freiberuflich|ind[ée]pendant|aut[óo]nomo", [WordSense.Contract]),
        (@"temporary|temp|befristet|cdd|interim|zeitarbeit|seasonal|saisonal|fixed term|temporal|tempo determinato|vikariat|visstidsanst[äa]llning|tidsbegr[äa]nsad|midlertidig|m[äa][äa]r[äa] ?aikainen", [WordSense.Temporary]),
        (@"volunteer|ehrenamt(lich)?|b[ée]n[ée]vole|voluntariado", [WordSense.Volunteer]),
        // Dutch, Polish and Portuguese: workplace and employment words.
        (@"hybrydow[aoey]|hybrydowo", [WordSense.Hybrid]),
        (@"thuiswerk(en)?|op afstand|zdaln[aey]|zdalnie|teletrabalho|trabalho remoto", [WordSense.Remote]),
        (@"stagiair(e)?|stageplaats|sta[żz]|praktyk[ai]|praktykant(ka)?|est[áa]gio|estagi[áa]ri[oa]", [WordSense.Internship, WordSense.InternLevel]),
        (@"deeltijd|niepe[łl]ny etat|cz[ęe][śs][ćc] etatu|meio per[íi]odo|meio expediente|tempo parcial", [WordSense.PartTime]),
        (@"tijdelijk|na czas okre[śs]lony|tempor[áa]rio", [WordSense.Temporary]),
        (@"voltijd|vaste baan|vast contract|pe[łl]ny etat|pe[łl]en etat|umowa o prac[ęe]|tempo integral|per[íi]odo integral|efetivo", [WordSense.FullTime]),
        (@"full ?time|vollzeit|temps plein|tiempo completo|jornada completa|tempo pieno|cdi|permanent|unbefristet|festanstellung|indefinido|heltid|fuldtid|kokoaikainen|tillsvidare(anst[äa]llning)?|fast anst[äa]llning|fast ans[æa]ttelse|fast stilling|vakituinen", [WordSense.FullTime]),
        (@"vp|vice president|chief|cto|ceo|cfo|coo|cmo|gesch[äa]ftsf[üu]hrer(in)?|directeur g[ée]n[ée]ral|director general", [WordSense.ExecutiveLevel]),
        // "Head of" a function leads it, as a director does; the executives are the chiefs and VPs above.
        (@"director|directrice|directeur|direktor(in)?|direttore|head of", [WordSense.DirectorLevel]),
        (@"principal", [WordSense.PrincipalLevel]),
        (@"staff", [WordSense.StaffLevel]),
        (@"lead|tech lead|team lead|teamleiter(in)?|teamleitung|leiter(in)?|chef d'[ée]quipe|jefe de equipo", [WordSense.LeadLevel]),
        (@"senior|sr\.?|s[ée]nior|confirm[ée](e)?|erfahrene[r]?", [WordSense.SeniorLevel]),
        (@"junior|jr\.?|graduate|entry[- ]level|associate|berufseinsteiger(in)?|d[ée]butant(e)?|absolvent(in)?", [WordSense.JuniorLevel]),
        (@"manager|managerin|responsable|gerente|jefe", [WordSense.ManagerLevel]),
    ];

    private static readonly Dictionary<WordSense, Regex> Patterns = Enum.GetValues<WordSense>().ToDictionary(
        sense => sense,
        sense => new Regex(
            $@"\b({string.Join('|', Table.Where(line => line.Senses.Contains(sense)).Select(line => line.Words))})\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

    /// <summary>Whether <paramref name="text"/> has a word of this sense.</summary>
    public static bool Says(string text, WordSense sense) => Patterns[sense].IsMatch(text);

    /// <summary>The pattern of a sense's words (for tests that hold every pattern to a linear engine).</summary>
    public static Regex PatternOf(WordSense sense) => Patterns[sense];
}
