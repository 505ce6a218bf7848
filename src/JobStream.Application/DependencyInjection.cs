using FluentValidation;
using JobStream.Application.Messaging;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
using JobStream.Application.Telemetry;
using JobStream.Application.Watches;
using JobStream.Domain.Scraping;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddOptions<ScrapingOptions>()
            .BindConfiguration(ScrapingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Companies.All(c => SiteAddress.TryParse(c, out _)), $"{ScrapingOptions.SectionName}:Companies must hold http(s) URLs or host names")
            .ValidateOnStart();

        services.AddOptions<HubOptions>()
            .BindConfiguration(HubOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<EventsOptions>()
            .BindConfiguration(EventsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<StreamClock>();
        services.AddSingleton<OpenStreams>();
        services.AddMetrics();
        services.AddSingleton<JobStreamMetrics>();
        services.AddHostedService<JobStreamGauges>();
        services.AddSingleton<DomainScrapeSlots>();
        services.AddTransient<DomainsScraper>();
        services.AddTransient<ScrapeJobRunner>();
        services.AddSingleton<ScrapeRuns>();
        services.AddHostedService(provider => provider.GetRequiredService<ScrapeRuns>());
        services.AddTransient<ScrapeRunStream>();
        services.AddSingleton<StreamFollower>();

        services.AddOptions<WatchesOptions>()
            .BindConfiguration(WatchesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTransient<WatchRunner>();
        services.AddSingleton<WatchScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<WatchScheduler>());
        services.AddSingleton<WatchFeedNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<WatchFeedNotifier>());
        services.AddHostedService<WebhookDispatcher>();

        // Handlers hold per-request services (the scraper, its HTTP client), so the mediator is scoped.
        // Pipelines run outermost first: a stream is logged, then validated when it is created. The stream
        // behaviours hold nothing of a request, so one of each serves all: scoped, they were two more
        // entries in every request's scope, which an open stream keeps for as long as it lasts.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DependencyInjection)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddSingleton(typeof(IStreamPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IStreamPipelineBehavior<,>), typeof(StreamValidationBehavior<,>));
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);

        return services;
    }
}
