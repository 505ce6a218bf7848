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
    public void The_application_uses_no_aspnet_core()
    {
        var result = Types.InAssembly(ApplicationAssembly).ShouldNot().HaveDependencyOn("Microsoft.AspNetCore").GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
        Assert.That(ApplicationAssembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("Microsoft.AspNetCore"));
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
        // Types named by typeof, so that a rule cannot outlive what it names.
        var result = Types.InAssembly(ApiAssembly)
            .That().ResideInNamespace($"{Api}.Controllers")
            .ShouldNot().HaveDependencyOnAny(
                Infrastructure,
                "StackExchange.Redis",
                typeof(Application.Streaming.IStreamBus).FullName!,
                typeof(Application.Streaming.IConnectionRegistry).FullName!,
                typeof(Application.Streaming.IStreamHistory).FullName!,
                typeof(Application.Streaming.IStreamStatus).FullName!,
                typeof(Application.Streaming.IProgressStore).FullName!,
                typeof(Application.Scraping.DomainsScraper).FullName!,
                typeof(Application.Scraping.Runs.ScrapeRuns).FullName!)
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Controllers_take_the_sender_and_nothing_else()
    {
        var controllers = ApiAssembly.GetTypes().Where(type => type.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.ControllerBase))).ToList();

        var taking = controllers
            .SelectMany(controller => controller.GetConstructors().SelectMany(constructor => constructor.GetParameters())
                .Where(parameter => parameter.ParameterType != typeof(Mediator.ISender))
                .Select(parameter => $"{controller.Name}({parameter.ParameterType.Name})"))
            .ToList();

        Assert.That(controllers, Has.Count.GreaterThanOrEqualTo(8));
        Assert.That(taking, Is.Empty, "a controller that takes services does the work itself instead of sending a request");
    }

    [Test]
    public void Each_request_sits_in_a_folder_named_after_it()
    {
        var requests = ApplicationAssembly.GetTypes()
            .Where(type => !type.IsAbstract && type.GetInterfaces().Any(i => i == typeof(Mediator.IBaseRequest) || i == typeof(Mediator.IBaseStreamRequest)))
            .ToList();

        var misplaced = requests
            .Where(type => type.Namespace!.Split('.')[^1] != FolderNameOf(type.Name))
            .Select(type => type.FullName)
            .ToList();

        Assert.That(requests, Has.Count.GreaterThanOrEqualTo(14));
        Assert.That(misplaced, Is.Empty);
    }

    [Test]
    public void Every_stream_yields_items_that_only_the_api_frames()
    {
        var streams = ApplicationAssembly.GetTypes()
            .SelectMany(type => type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Mediator.IStreamRequest<>)).Select(i => (type, item: i.GetGenericArguments()[0])))
            .ToList();

        Assert.That(streams, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(streams.Where(s => s.item != typeof(Application.Streaming.StreamItem)).Select(s => s.type.Name), Is.Empty,
            "a stream of anything but StreamItem would leave its framing to someone else (ADR 12)");
        Assert.That(Types.InAssemblies([DomainAssembly, ApplicationAssembly, InfrastructureAssembly]).ShouldNot().HaveDependencyOn("System.Net.ServerSentEvents").GetResult().IsSuccessful, Is.True);
    }

    [Test]
    public void Every_action_that_streams_is_marked_so_its_stream_is_admitted()
    {
        // The admission filter (stream caps, draining) acts on actions marked [ProducesEventStream<T>]; an
        // action that answers a stream without the mark would skip it.
        var streaming = ApiAssembly.GetTypes()
            .Where(type => type.Namespace == $"{Api}.Controllers")
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttributes().Any(a => a is Api.Sse.ProducesEventStreamAttribute))
            .ToList();
        var sources = Directory.GetFiles(Path.Combine(SourceRoot(), "src", "JobStream.Api", "Controllers"), "*.cs");
        var answering = sources.Sum(file => CountOf(File.ReadAllText(file), "this.EventStream"));

        Assert.That(streaming, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(answering, Is.EqualTo(streaming.Count), "each action answering with this.EventStream… carries [ProducesEventStream<T>]");
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

    // "StreamScrapeQuery" sits in "StreamScrape", "ClearProgressCommand" in "ClearProgress".
    private static string FolderNameOf(string request) =>
        request.EndsWith("Query", StringComparison.Ordinal) ? request[..^"Query".Length]
        : request.EndsWith("Command", StringComparison.Ordinal) ? request[..^"Command".Length]
        : request;

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static string SourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "JobStream.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("JobStream.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool IsBaseLibrary(string? name) =>
        name is not null && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib");

    private static string Failing(TestResult result) =>
        "breaking the rule: " + string.Join(", ", result.FailingTypeNames ?? []);
}
