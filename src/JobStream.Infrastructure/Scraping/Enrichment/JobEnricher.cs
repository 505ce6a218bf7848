using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Enrichment;

/// <summary>
/// Derives the job object's classified fields from what the source stated, preferring structured
/// fields to words in the title, and scores each job against the configured profile.
/// </summary>
public sealed class JobEnricher(IOptions<ScoringProfile> profile, TimeProvider clock)
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
            Url = JobUrl.Clean(candidate.Url),
            Summary = candidate.Summary ?? "",
            Location = candidate.Location ?? "",
            Role = role.Role,
            // A structured field beats words: ATS APIs mark hybrid jobs "isRemote" too.
            LocationType = candidate.StatedLocationType
                ?? (JobVocabulary.Says(text, WordSense.Hybrid) ? LocationType.Hybrid
                    : JobVocabulary.Says(text, WordSense.Remote) ? LocationType.Remote
                    : LocationType.Onsite),
            IsContract = employment is "contract" or "temporary" || JobVocabulary.Says(candidate.Title, WordSense.Contract) || JobVocabulary.Says(candidate.Title, WordSense.Temporary),
            Department = Stated(candidate.Department) ?? role.Department,
            Seniority = SeniorityOf(candidate.Title),
            EmploymentType = employment,
            Salary = Stated(candidate.Salary),
            Timestamp = candidate.PostedAt ?? now,
            PostedAt = candidate.PostedAt,
            SourcePage = candidate.SourcePage,
            ExtractionSource = candidate.Source,
            AtsId = candidate.AtsId,
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
            Departments = jobs.Select(j => j.Department).OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            RemoteShare = jobs.Count == 0 ? 0 : Math.Round((double)jobs.Count(j => j.LocationType == LocationType.Remote) / jobs.Count, 3),
            NewestPosting = dated.Count == 0 ? null : dated.Max(),
            MedianPostingAgeDays = ages.Count == 0 ? null : Math.Round(ages.Count % 2 == 1 ? ages[ages.Count / 2] : (ages[ages.Count / 2 - 1] + ages[ages.Count / 2]) / 2, 1),
        };
    }

    // The source's structured label first (FULL_TIME, "Part-time", "Vollzeit, unbefristet", "CDI"), else
    // words in the title; in English, German, French, Spanish, Italian, and the Nordic languages.
    // A value the source states; a blank one states nothing.
    private static string? Stated(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? EmploymentType(JobCandidate candidate)
    {
        var stated = string.Join(' ', candidate.EmploymentTypes).Replace('_', ' ').Replace('-', ' ');
        var source = stated.Length > 0 ? stated : candidate.Title.Replace('-', ' ');
        return source switch
        {
            _ when JobVocabulary.Says(source, WordSense.Internship) => "internship",
            _ when JobVocabulary.Says(source, WordSense.PartTime) => "part_time",
            _ when JobVocabulary.Says(source, WordSense.Contract) => "contract",
            _ when JobVocabulary.Says(source, WordSense.Temporary) => "temporary",
            _ when JobVocabulary.Says(source, WordSense.Volunteer) => "volunteer",
            _ when JobVocabulary.Says(source, WordSense.FullTime) => "full_time",
            _ => stated.Length > 0 ? "other" : null,
        };
    }

    private static string SeniorityOf(string title) => title switch
    {
        _ when JobVocabulary.Says(title, WordSense.InternLevel) => "intern",
        _ when JobVocabulary.Says(title, WordSense.ExecutiveLevel) => "executive",
        _ when JobVocabulary.Says(title, WordSense.DirectorLevel) => "director",
        _ when JobVocabulary.Says(title, WordSense.PrincipalLevel) => "principal",
        _ when JobVocabulary.Says(title, WordSense.StaffLevel) => "staff",
        _ when JobVocabulary.Says(title, WordSense.LeadLevel) => "lead",
        _ when JobVocabulary.Says(title, WordSense.SeniorLevel) => "senior",
        _ when JobVocabulary.Says(title, WordSense.JuniorLevel) => "junior",
        _ when JobVocabulary.Says(title, WordSense.ManagerLevel) => "manager",
        _ => "mid",
    };

    // In order: the first family a title names wins, so "Payroll Support Specialist" is finance and
    // "Support Engineer" engineering; support comes after every family it may qualify. Hardware design
    // ("RF MMIC Design", "ASIC Design Lead") is engineering, not design; "content" alone names no family
    // (a content moderator is not in marketing), a content writer does.
    private static readonly (Regex Pattern, string Role, string Department)[] Roles =
    [
        (new(@"\b(data scien|machine learning|\bml\b|\bai\b|data engineer|analytics|data analyst)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "data", "Data"),
        (new(@"\b(engineer|developer|programmer|sre|devops|architect|software|backend|frontend|full[ -]?stack|mobile|ios|android|qa|security|(rf|mmic|asic|fpga|soc|chip|circuit|pcb|analog|rtl|ic|hardware|mechanical|electrical) design)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "engineering", "Engineering"),
        (new(@"\b(design|designer|ux|ui|researcher)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "design", "Design"),
        (new(@"\bproduct (manager|owner|lead|director)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "product", "Product"),
        (new(@"\b(sales|account executive|business development|bdr|sdr|account manager)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "sales", "Sales"),
        (new(@"\b(marketing|growth|content (writer|strategist|creator|editor|marketer)|seo|brand|communications|pr)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "marketing", "Marketing"),
        (new(@"\b(recruit|talent|people|hr|human resources)\w*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "people", "People"),
        (new(@"\b(finance|accountant|accounting|controller|payroll|tax)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "finance", "Finance"),
        (new(@"\b(legal|counsel|lawyer|compliance|paralegal)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "legal", "Legal"),
        (new(@"\b(operations|logistics|supply chain|warehouse|facilities)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "operations", "Operations"),
        (new(@"\b(support|customer success|customer service|customer experience)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "customer_success", "Customer Success"),
    ];

    private static (string Role, string? Department) RoleOf(string title) =>
        Roles.FirstOrDefault(r => r.Pattern.IsMatch(title)) is { Pattern: not null } match ? (match.Role, match.Department) : ("other", null);

    private static bool Contains(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
