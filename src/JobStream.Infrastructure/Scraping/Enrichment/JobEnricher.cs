using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Enrichment;

/// <summary>
/// Derives the job object's classified fields from what the source stated, preferring structured
/// fields to words in the title, and scores each job against the configured profile.
/// </summary>
public sealed partial class JobEnricher(IOptions<ScoringProfile> profile, TimeProvider clock)
{
    private readonly ScoringProfile _profile = profile.Value;

    public IReadOnlyList<Job> Enrich(IReadOnlyList<JobCandidate> candidates, string fallbackCompany)
    {
        var now = clock.GetUtcNow();
        var jobs = candidates.Select(candidate => Classify(candidate, fallbackCompany, now)).ToList();
        var health = Health(jobs, candidates, now);
        return jobs.Select(job => job with { CompanyHealth = health }).ToList();
    }

    private Job Classify(JobCandidate candidate, string fallbackCompany, DateTimeOffset now)
    {
        var text = $"{candidate.Title} | {candidate.Location}";
        var employment = EmploymentType(candidate);
        var role = RoleOf(candidate.Title);
        var job = new Job
        {
            Company = candidate.Company ?? fallbackCompany,
            Title = candidate.Title,
            Url = candidate.Url,
            Summary = candidate.Summary ?? "",
            Location = candidate.Location ?? "",
            Role = role.Role,
            // A structured field beats words: ATS APIs mark hybrid jobs "isRemote" too.
            LocationType = candidate.StatedLocationType
                ?? (Hybrid().IsMatch(text) ? LocationType.Hybrid
                    : Remote().IsMatch(text) ? LocationType.Remote
                    : LocationType.Onsite),
            IsContract = employment is "contract" or "temporary" || Contract().IsMatch(candidate.Title),
            Department = candidate.Department ?? role.Department,
            Seniority = SeniorityOf(candidate.Title),
            EmploymentType = employment,
            Salary = candidate.Salary ?? "",
            Timestamp = candidate.PostedAt ?? now,
            SourcePage = candidate.SourcePage,
            ExtractionSource = candidate.Source,
        };
        var (score, signals) = Score(job, candidate.PostedAt, now);
        return job with { Score = score, Signals = signals };
    }

    private (int Score, IReadOnlyList<string> Signals) Score(Job job, DateTimeOffset? postedAt, DateTimeOffset now)
    {
        var score = 50;
        var signals = new List<string>();
        void Add(int points, string signal)
        {
            score += points;
            signals.Add(signal);
        }

        var titleKeywords = _profile.Keywords.Where(k => Contains(job.Title, k)).ToList();
        var summaryKeywords = _profile.Keywords.Except(titleKeywords).Where(k => Contains(job.Summary, k)).ToList();
        if (titleKeywords.Count > 0)
        {
            Add(25, $"title matches {string.Join(", ", titleKeywords)}");
        }
        else if (summaryKeywords.Count > 0)
        {
            Add(10, $"summary mentions {string.Join(", ", summaryKeywords)}");
        }
        else if (_profile.Keywords.Count > 0)
        {
            Add(-20, "no profile keyword");
        }

        if (_profile.PreferRemote)
        {
            if (job.LocationType == LocationType.Remote)
            {
                Add(15, "remote");
            }
            else if (job.LocationType == LocationType.Hybrid)
            {
                Add(5, "hybrid");
            }
        }
        if (_profile.Locations.FirstOrDefault(l => Contains(job.Location, l)) is { } place)
        {
            Add(15, $"located in {place}");
        }
        if (_profile.Seniorities.Count > 0)
        {
            if (_profile.Seniorities.Contains(job.Seniority, StringComparer.OrdinalIgnoreCase))
            {
                Add(10, $"seniority {job.Seniority}");
            }
            else
            {
                Add(-10, $"seniority {job.Seniority} not sought");
            }
        }
        if (postedAt is { } posted)
        {
            var age = (now - posted).TotalDays;
            if (age <= 14)
            {
                Add(10, "posted in the last 14 days");
            }
            else if (age > 90)
            {
                Add(-10, $"posted {Math.Floor(age)} days ago");
            }
        }
        if (job.IsContract)
        {
            signals.Add("contract");
        }
        return (Math.Clamp(score, 0, 100), signals);
    }

    private static CompanyHealth Health(IReadOnlyList<Job> jobs, IReadOnlyList<JobCandidate> candidates, DateTimeOffset now)
    {
        var dated = candidates.Where(c => c.PostedAt is not null).Select(c => c.PostedAt!.Value).ToList();
        var ages = dated.Select(d => Math.Max(0, (now - d).TotalDays)).Order().ToList();
        return new CompanyHealth
        {
            OpenRoles = jobs.Count,
            Departments = jobs.Select(j => j.Department).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            RemoteShare = jobs.Count == 0 ? 0 : Math.Round((double)jobs.Count(j => j.LocationType == LocationType.Remote) / jobs.Count, 3),
            NewestPosting = dated.Count == 0 ? null : dated.Max(),
            MedianPostingAgeDays = ages.Count == 0 ? null : Math.Round(ages.Count % 2 == 1 ? ages[ages.Count / 2] : (ages[ages.Count / 2 - 1] + ages[ages.Count / 2]) / 2, 1),
        };
    }

    // The source's structured label first (FULL_TIME, "Part-time", "Vollzeit, unbefristet", "CDI"), else
    // words in the title; in English, German, French, Spanish and Italian.
    private static string EmploymentType(JobCandidate candidate)
    {
        var stated = string.Join(' ', candidate.EmploymentTypes).Replace('_', ' ').Replace('-', ' ');
        var source = stated.Length > 0 ? stated : candidate.Title.Replace('-', ' ');
        return source switch
        {
            _ when InternshipWords().IsMatch(source) => "internship",
            _ when PartTimeWords().IsMatch(source) => "part_time",
            _ when ContractWords().IsMatch(source) => "contract",
            _ when TemporaryWords().IsMatch(source) => "temporary",
            _ when VolunteerWords().IsMatch(source) => "volunteer",
            _ when FullTimeWords().IsMatch(source) => "full_time",
            _ => stated.Length > 0 ? "other" : "",
        };
    }

    private static string SeniorityOf(string title) => title switch
    {
        _ when Intern().IsMatch(title) => "intern",
        _ when Executive().IsMatch(title) => "executive",
        _ when Director().IsMatch(title) => "director",
        _ when Principal().IsMatch(title) => "principal",
        _ when Staff().IsMatch(title) => "staff",
        _ when Lead().IsMatch(title) => "lead",
        _ when Senior().IsMatch(title) => "senior",
        _ when Junior().IsMatch(title) => "junior",
        _ when Manager().IsMatch(title) => "manager",
        _ => "mid",
    };

    // In order: the first family a title names wins, so "Payroll Support Specialist" is finance and
    // "Support Engineer" engineering; support comes after every family it may qualify.
    private static readonly (Regex Pattern, string Role, string Department)[] Roles =
    [
        (new(@"\b(data scien|machine learning|\bml\b|\bai\b|data engineer|analytics|data analyst)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "data", "Data"),
        (new(@"\b(engineer|developer|programmer|sre|devops|architect|software|backend|frontend|full[ -]?stack|mobile|ios|android|qa|security)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "engineering", "Engineering"),
        (new(@"\b(design|designer|ux|ui|researcher)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "design", "Design"),
        (new(@"\bproduct (manager|owner|lead|director)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "product", "Product"),
        (new(@"\b(sales|account executive|business development|bdr|sdr|account manager)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "sales", "Sales"),
        (new(@"\b(marketing|growth|content|seo|brand|communications|pr)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "marketing", "Marketing"),
        (new(@"\b(recruit|talent|people|hr|human resources)\w*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "people", "People"),
        (new(@"\b(finance|accountant|accounting|controller|payroll|tax)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "finance", "Finance"),
        (new(@"\b(legal|counsel|lawyer|compliance|paralegal)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "legal", "Legal"),
        (new(@"\b(operations|logistics|supply chain|warehouse|facilities)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "operations", "Operations"),
        (new(@"\b(support|customer success|customer service|customer experience)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "customer_success", "Customer Success"),
    ];

    private static (string Role, string Department) RoleOf(string title) =>
        Roles.FirstOrDefault(r => r.Pattern.IsMatch(title)) is { Pattern: not null } match ? (match.Role, match.Department) : ("other", "");

    private static bool Contains(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(hybrid|hybride|h[íi]brido|ibrido)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Hybrid();
    [GeneratedRegex(@"\b(remote|work from home|wfh|telecommute|anywhere|t[ée]l[ée]travail|teletrabajo|remoto|home[ -]?office|mobiles arbeiten)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Remote();
    [GeneratedRegex(@"\b(intern|internship|praktikum|praktikant(in)?|stagiaire|pr[áa]cticas|pasant[íi]a|tirocinio|apprentice(ship)?|ausbildung|alternance)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex InternshipWords();
    [GeneratedRegex(@"\b(part ?time|teilzeit|temps partiel|tiempo parcial|media jornada|tempo parziale|werkstudent(in)?|minijob)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex PartTimeWords();
    [GeneratedRegex(@"\b(contract|contractor|freelance|freelancer|freiberuflich|ind[ée]pendant|aut[óo]nomo)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex ContractWords();
    [GeneratedRegex(@"\b(temporary|temp|befristet|cdd|interim|zeitarbeit|seasonal|saisonal|fixed term|temporal|tempo determinato)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex TemporaryWords();
    [GeneratedRegex(@"\b(volunteer|ehrenamt(lich)?|b[ée]n[ée]vole|voluntariado)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex VolunteerWords();
    [GeneratedRegex(@"\b(full ?time|vollzeit|temps plein|tiempo completo|jornada completa|tempo pieno|cdi|permanent|unbefristet|festanstellung|indefinido)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex FullTimeWords();
    [GeneratedRegex(@"\b(contract|contractor|freelance|freelancer|temporary|temp)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Contract();
    [GeneratedRegex(@"\b(intern|internship|werkstudent(in)?|trainee|apprentice|praktikant(in)?|praktikum|stagiaire|alternant(e)?|alternance|becari[oa]|tirocinante|auszubildende[r]?)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Intern();
    [GeneratedRegex(@"\b(vp|vice president|chief|cto|ceo|cfo|coo|cmo|head of|gesch[äa]ftsf[üu]hrer(in)?|directeur g[ée]n[ée]ral|director general)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Executive();
    [GeneratedRegex(@"\b(director|directrice|directeur|direktor(in)?|direttore)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Director();
    [GeneratedRegex(@"\bprincipal\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Principal();
    [GeneratedRegex(@"\bstaff\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Staff();
    [GeneratedRegex(@"\b(lead|tech lead|team lead|teamleiter(in)?|teamleitung|leiter(in)?|chef d'[ée]quipe|jefe de equipo)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Lead();
    [GeneratedRegex(@"\b(senior|sr\.?|s[ée]nior|confirm[ée](e)?|erfahrene[r]?)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Senior();
    [GeneratedRegex(@"\b(junior|jr\.?|graduate|entry[- ]level|associate|berufseinsteiger(in)?|d[ée]butant(e)?|absolvent(in)?)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Junior();
    [GeneratedRegex(@"\b(manager|managerin|responsable|gerente|jefe)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)] private static partial Regex Manager();
}
