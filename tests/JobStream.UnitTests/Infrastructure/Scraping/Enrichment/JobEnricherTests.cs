using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Enrichment;
using JobStream.Infrastructure.Scraping.Extraction;
using Microsoft.Extensions.Options;

namespace JobStream.UnitTests.Infrastructure.Scraping.Enrichment;

// The classified fields from words, in the languages career sites are written in.
public sealed class JobEnricherTests
{
    private static readonly JobEnricher Enricher = new(Options.Create(new ScoringProfile()), TimeProvider.System);

    [TestCase("Vollzeit, unbefristet", "full_time")]
    [TestCase("CDI", "full_time")]
    [TestCase("Teilzeit", "part_time")]
    [TestCase("Temps partiel", "part_time")]
    [TestCase("CDD - 6 mois", "temporary")]
    [TestCase("Befristet", "temporary")]
    [TestCase("Praktikum", "internship")]
    [TestCase("Freelance", "contract")]
    [TestCase("Tiempo completo", "full_time")]
    [TestCase("FULL_TIME", "full_time")]
    [TestCase("Permanent", "full_time")]
    [TestCase("Heltid", "full_time")]
    [TestCase("Heltid, tillsvidareanställning", "full_time")]
    [TestCase("Fuldtid", "full_time")]
    [TestCase("Kokoaikainen", "full_time")]
    [TestCase("Deltid", "part_time")]
    [TestCase("Osa-aikainen", "part_time")]
    [TestCase("Vikariat", "temporary")]
    [TestCase("Midlertidig", "temporary")]
    [TestCase("Määräaikainen", "temporary")]
    [TestCase("Praktik", "internship")]
    public void Employment_type_from_the_sources_words(string stated, string expected)
    {
        Assert.That(Enrich(new() { Title = "Engineer", EmploymentTypes = [stated] }).EmploymentType, Is.EqualTo(expected));
    }

    [TestCase("Développeur Backend (télétravail)", "", LocationType.Remote)]
    [TestCase("Backend Developer", "Hamburg (Homeoffice möglich)", LocationType.Remote)]
    [TestCase("Desarrollador", "Madrid, híbrido", LocationType.Hybrid)]
    [TestCase("Backend Developer", "Berlin", LocationType.Onsite)]
    public void Workplace_type_from_title_and_location_words(string title, string location, LocationType expected)
    {
        Assert.That(Enrich(new() { Title = title, Location = location }).LocationType, Is.EqualTo(expected));
    }

    [TestCase("Payroll Support Specialist", "Finance")]
    [TestCase("HR Support Coordinator", "People")]
    [TestCase("Support Engineer", "Engineering")]
    [TestCase("RF MMIC Design", "Engineering")]
    [TestCase("ASIC Design Lead", "Engineering")]
    [TestCase("Product Designer", "Design")]
    [TestCase("Customer Support Agent", "Customer Success")]
    [TestCase("Warehouse Associate (Part-Time)", "Operations")]
    [TestCase("Sector Leader", null)]
    [TestCase("PR Manager", "Marketing")]
    [TestCase("Content Moderator (Prague)", null)]
    [TestCase("Content Writer", "Marketing")]
    public void A_title_without_a_stated_department_is_filed_under_the_first_family_it_names(string title, string? department)
    {
        Assert.That(Enrich(new() { Title = title }).Department, Is.EqualTo(department));
    }

    [Test]
    public void What_the_source_does_not_state_is_null_not_empty()
    {
        var job = Enrich(new() { Title = "Sector Leader", Department = " ", Salary = "" });

        Assert.That((job.EmploymentType, job.Department, job.Salary), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(Enrich(new() { Title = "Sector Leader", EmploymentTypes = ["Zeitvertrag nach Absprache"] }).EmploymentType, Is.EqualTo("other"), "stated, in words no table knows");
    }

    // Dutch, Polish and Portuguese words for the employment type and the workplace.
    [TestCase("Backend Developer (voltijd)", "full_time", LocationType.Onsite)]
    [TestCase("Klantenservice medewerker deeltijd, thuiswerken", "part_time", LocationType.Remote)]
    [TestCase("Programista Java – pełny etat, praca zdalna", "full_time", LocationType.Remote)]
    [TestCase("Księgowa (niepełny etat, hybrydowo)", "part_time", LocationType.Hybrid)]
    [TestCase("Staż w dziale IT", "internship", LocationType.Onsite)]
    [TestCase("Analista de Dados – tempo integral (híbrido)", "full_time", LocationType.Hybrid)]
    [TestCase("Estágio em Marketing", "internship", LocationType.Onsite)]
    [TestCase("Atendente temporário", "temporary", LocationType.Onsite)]
    public void Employment_and_workplace_words_in_dutch_polish_and_portuguese(string title, string employment, LocationType workplace)
    {
        var job = Enrich(new() { Title = title });

        Assert.That((job.EmploymentType, job.LocationType), Is.EqualTo(((string?)employment, workplace)));
    }

    [Test]
    public void Employment_words_in_a_title_count_with_their_hyphens()
    {
        Assert.That(Enrich(new() { Title = "Warehouse Associate (Part-Time)" }).EmploymentType, Is.EqualTo("part_time"));
    }

    [TestCase("Praktikant Marketing (m/w/d)", "intern")]
    [TestCase("Stagiaire Data", "intern")]
    [TestCase("Teamleiter Vertrieb", "lead")]
    [TestCase("Directrice Marketing", "director")]
    [TestCase("Head of Finance", "director")]
    [TestCase("Head of Engineering, Platform", "director")]
    [TestCase("VP Engineering", "executive")]
    [TestCase("Chief Technology Officer", "executive")]
    [TestCase("Responsable Comptable", "manager")]
    [TestCase("Berufseinsteiger IT-Support", "junior")]
    [TestCase("Senior Backend Engineer", "senior")]
    public void Seniority_from_title_words(string title, string expected)
    {
        Assert.That(Enrich(new() { Title = title }).Seniority, Is.EqualTo(expected));
    }

    // One word, one meaning wherever it is read: a Werkstudent job is part-time and at an intern's level.
    [TestCase("Werkstudent Data (m/w/d)", "part_time", "intern")]
    [TestCase("Ausbildung zum Fachinformatiker", "internship", "intern")]
    [TestCase("Becario de Marketing", "internship", "intern")]
    [TestCase("Alternant développeur", "internship", "intern")]
    public void A_word_means_the_same_for_the_employment_type_and_the_seniority(string title, string employment, string seniority)
    {
        var job = Enrich(new() { Title = title });

        Assert.That((job.EmploymentType, job.Seniority), Is.EqualTo((employment, seniority)));
    }

    [Test]
    public void Signals_differ_between_jobs_that_differ()
    {
        var jobs = Enricher.Enrich(
        [
            Candidate(new() { Title = "Senior Backend Engineer", Location = "Remote", PostedAt = DateTimeOffset.UtcNow.AddDays(-2) }),
            Candidate(new() { Title = "Office Manager", Location = "Berlin" }),
        ], "Acme");

        Assert.That(jobs[0].Signals, Is.Not.EqualTo(jobs[1].Signals));
        Assert.That(jobs[0].Score, Is.GreaterThan(jobs[1].Score));
    }

    private static Job Enrich(Partial job) => Enricher.Enrich([Candidate(job)], "Acme").Single();

    private static JobCandidate Candidate(Partial job) => new()
    {
        Title = job.Title,
        Url = "https://acme.test/jobs/1",
        Source = ExtractionSource.Html,
        SourcePage = "https://acme.test/jobs",
        Location = job.Location,
        EmploymentTypes = job.EmploymentTypes,
        PostedAt = job.PostedAt,
        Department = job.Department,
        Salary = job.Salary,
    };

    private sealed record Partial
    {
        public string Title { get; init; } = "";
        public string? Location { get; init; }
        public IReadOnlyList<string> EmploymentTypes { get; init; } = [];
        public DateTimeOffset? PostedAt { get; init; }
        public string? Department { get; init; }
        public string? Salary { get; init; }
    }
}
