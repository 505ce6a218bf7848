using System.Reflection;
using NetArchTest.Rules;

namespace JobStream.ArchitectureTests;

// References point inward only: Api -> Application -> Domain; Infrastructure -> Application -> Domain.
public sealed class LayerTests
{
    private const string Domain = "JobStream.Domain";
    private const string Application = "JobStream.Application";
    private const string Infrastructure = "JobStream.Infrastructure";
    private const string Api = "JobStream.Api";

    private static readonly Assembly DomainAssembly = typeof(Domain.Jobs.Job).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(Application.DependencyInjection).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly ApiAssembly = typeof(Api.DependencyInjection).Assembly;

    [Test]
    public void The_domain_depends_on_the_base_library_alone()
    {
        var result = Types.InAssembly(DomainAssembly).Should().OnlyHaveDependenciesOn("System", Domain).GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
        Assert.That(DomainAssembly.GetReferencedAssemblies().Select(a => a.Name), Has.All.Matches<string>(IsBaseLibrary), "the domain references no package");
    }

    [Test]
    public void The_application_knows_neither_infrastructure_nor_api()
    {
        var result = Types.InAssembly(ApplicationAssembly).ShouldNot().HaveDependencyOnAny(Infrastructure, Api, "StackExchange.Redis", "Microsoft.Playwright", "AngleSharp").GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Infrastructure_does_not_know_the_api()
    {
        var result = Types.InAssembly(InfrastructureAssembly).ShouldNot().HaveDependencyOn(Api).GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Controllers_dispatch_requests_and_never_reach_into_infrastructure()
    {
        var result = Types.InAssembly(ApiAssembly)
            .That().ResideInNamespace($"{Api}.Controllers")
            .ShouldNot().HaveDependencyOnAny(Infrastructure, $"{Application}.Streaming.IStreamManager", $"{Application}.Scraping.ScrapeRunner", "StackExchange.Redis")
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void The_rules_see_the_types_they_judge()
    {
        // A rule over an empty selection passes whatever it says: make sure each selection holds types.
        Assert.That(Types.InAssembly(DomainAssembly).GetTypes(), Is.Not.Empty);
        Assert.That(Types.InAssembly(ApiAssembly).That().ResideInNamespace($"{Api}.Controllers").GetTypes().Count(), Is.GreaterThanOrEqualTo(7));
        Assert.That(Types.InAssembly(ApplicationAssembly).ShouldNot().HaveDependencyOn("Mediator").GetResult().IsSuccessful, Is.False,
            "the application's handlers depend on Mediator, so a dependency rule over it can fail");
    }

    private static bool IsBaseLibrary(string? name) =>
        name is not null && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib");

    private static string Failing(TestResult result) =>
        "breaking the rule: " + string.Join(", ", result.FailingTypeNames ?? []);
}
