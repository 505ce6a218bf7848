using FluentValidation;
using JobStream.Application.Messaging;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Scraping.StreamScrape;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
using JobStream.Application.Streaming.OpenStream;
using JobStream.Application.Streaming.ProgressStream;
using JobStream.Domain.Scraping;
using JobStream.Domain.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddOptions<ScrapingOptions>()
            .BindConfiguration(ScrapingOptions.SectionName)
            .ValidateDataAnnotations()
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
        services.AddTransient<ISender, Sender>();
        // Registration order is pipeline order, outermost first.
        services.AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        services.AddTransient<IStreamRequestHandler<StreamScrapeQuery, ScrapeResult>, StreamScrapeQueryHandler>();
        services.AddTransient<ScrapeRunner>();
        services.AddSingleton<IValidator<StreamScrapeQuery>, DomainsValidator<StreamScrapeQuery>>();
        services.AddTransient<IStreamRequestHandler<TriggerScrapeQuery, ServerSentEvent>, TriggerScrapeQueryHandler>();
        services.AddSingleton<IValidator<TriggerScrapeQuery>, DomainsValidator<TriggerScrapeQuery>>();
        services.AddSingleton<IValidator<StartScrapeJobRequest>, DomainsValidator<StartScrapeJobRequest>>();
        services.AddTransient<ScrapeJobScheduler>();
        services.AddTransient<IStreamRequestHandler<EventsQuery, ServerSentEvent>, EventsQueryHandler>();
        services.AddTransient<ScrapeJobRunner>();
        services.AddTransient<IStreamRequestHandler<OpenStreamQuery, ServerSentEvent>, OpenStreamQueryHandler>();
        services.AddSingleton<IValidator<OpenStreamQuery>, OpenStreamQueryValidator>();
        services.AddTransient<IStreamRequestHandler<ProgressStreamQuery, ServerSentEvent>, ProgressStreamQueryHandler>();
        services.AddSingleton<IValidator<ProgressStreamQuery>, ProgressStreamQueryValidator>();

        return services;
    }
}
