using FluentValidation;
using JobStream.Application.Messaging;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.StreamScrape;
using JobStream.Domain.Scraping;
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

        services.AddTransient<ISender, Sender>();
        // Registration order is pipeline order, outermost first.
        services.AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IStreamPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        services.AddTransient<IStreamRequestHandler<StreamScrapeQuery, ScrapeResult>, StreamScrapeQueryHandler>();
        services.AddSingleton<IValidator<StreamScrapeQuery>, StreamScrapeQueryValidator>();

        return services;
    }
}
