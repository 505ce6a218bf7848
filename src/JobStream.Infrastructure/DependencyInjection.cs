using JobStream.Application.Scraping;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Infrastructure.Health;
using JobStream.Infrastructure.Jobs;
using JobStream.Infrastructure.Persistence;
using JobStream.Application.Watches;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using JobStream.Infrastructure.Streaming;
using JobStream.Infrastructure.Scraping;
using JobStream.Infrastructure.Scraping.Ats;
using JobStream.Infrastructure.Scraping.Domains;
using JobStream.Infrastructure.Scraping.Enrichment;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.Infrastructure.Scraping.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using StackExchange.Redis;

namespace JobStream.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The tag of the health checks that decide readiness (GET /health/ready).</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddTimeProvider();

        services.AddOptions<HttpScraperOptions>()
            .BindConfiguration(HttpScraperOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(IsNetwork), $"{HttpScraperOptions.SectionName}:AllowedNetworks must hold IP addresses or CIDR ranges")
            .ValidateOnStart();
        services.AddOptions<ScoringProfile>()
            .BindConfiguration(ScoringProfile.SectionName)
            .Validate(profile => profile.IsValid(), $"{ScoringProfile.SectionName}: entries must not be blank; Seniorities are among {string.Join(", ", ScoringProfile.KnownSeniorities)}")
            .ValidateOnStart();
        services.AddOptions<AtsOptions>()
            .BindConfiguration(AtsOptions.SectionName)
            .Configure<IConfiguration>((ats, config) => ats.ReadTemplates(config.GetSection(AtsOptions.SectionName)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AtsOptions>, AtsOptionsValidation>();
        AtsProviders.AddAtsProviders(services);
        services.AddOptions<BrowserOptions>()
            .BindConfiguration(BrowserOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(browser => browser.BudgetsFit, $"{BrowserOptions.SectionName}: MaxConcurrentPages × MaxPageMemoryMegabytes + {BrowserOptions.BrowserOwnMegabytes} must not exceed MaxTotalMemoryMegabytes, or pages at once could hold more than the budget")
            .ValidateOnStart();
        services.AddSingleton<BrowserRenderer>();
        services.AddSingleton<IBrowserStatusSource, BrowserStatusSource>();

        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddSingleton(_ => PublicSuffixList.Load());
        services.AddSingleton<CareersPageFinder>();
        services.AddSingleton<HostThrottle>();
        services.AddSingleton<RobotsCache>();
        services.AddTransient<HostThrottleHandler>();
        var fetcher = services.AddHttpClient<PageFetcher>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<HttpScraperOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // each fetch has its own timeout
            })
            .ConfigurePrimaryHttpMessageHandler(provider => PageFetcher.CreateHandler(
                provider.GetRequiredService<OutboundAddressPolicy>(),
                provider.GetRequiredService<IOptions<HttpScraperOptions>>().Value));
        // Outermost first: each redirect hop is retried on its own, and each retry passes the per-site throttle again.
        services.AddTransient<RedirectHandler>();
        fetcher.AddHttpMessageHandler<RedirectHandler>();
        fetcher.AddResilienceHandler("retry", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<HttpScraperOptions>>().Value;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(RetryPolicy.For(options, context.ServiceProvider.GetRequiredService<TimeProvider>()));
            }
        });
        fetcher.AddHttpMessageHandler<HostThrottleHandler>();
        services.AddTransient<AtsBoardReader>();
        services.AddSingleton<JobEnricher>();
        services.AddTransient<ICareerSiteScraper, CareerSiteScraper>();

        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<ScrapeJobWorker>();
        ScraperLogBroadcast.AddTo(services);
        services.AddBackplane(configuration);
        var jobsDatabase = JobsDatabase.FromConfiguration(configuration);
        services.AddSingleton(jobsDatabase);
        if (jobsDatabase.Provider == JobsProvider.Postgres)
        {
            services.AddHostedService<PostgresFeedListener>();
        }
        services.AddHostedService<JobsDatabaseMigrator>();
        services.AddSingleton<IWatchStore, WatchStore>();
        services.AddSingleton<IWatchFeed, WatchFeed>();
        services.AddSingleton<IJobSearch, StoredJobSearch>();
        services.AddTransient<ISiteChangeCheck, SiteChangeCheck>();
        services.AddSingleton<IWebhookStore, WebhookStore>();
        services.AddHttpClient<IWebhookSender, WebhookSender>((provider, client) =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(provider.GetRequiredService<IOptions<HttpScraperOptions>>().Value.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // each delivery has its own timeout
            })
            .ConfigurePrimaryHttpMessageHandler(provider => PageFetcher.CreateHandler(
                provider.GetRequiredService<OutboundAddressPolicy>(),
                provider.GetRequiredService<IOptions<HttpScraperOptions>>().Value));
        var health = services.AddHealthChecks()
            .AddCheck<BrowserHealthCheck>("browser", tags: [ReadyTag])
            .AddCheck<BackplaneHealthCheck>("backplane", tags: [ReadyTag])
            .AddCheck<JobsDatabaseHealthCheck>("jobs_database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2));
        if (services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            health.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2));
        }

        return services;
    }

    // Redis when one is configured (Redis:Configuration or REDIS_URL), otherwise in memory.
    private static void AddBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        var redisConfiguration = configuration[$"{RedisOptions.SectionName}:Configuration"] is { Length: > 0 } configured
            ? configured
            : RedisOptions.FromUrl(configuration["REDIS_URL"]);
        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .PostConfigure(options => options.Configuration = redisConfiguration)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // One adapter per port for each backend; the fan-out to this instance's subscribers is shared.
        services.AddSingleton(provider => new LocalFanOut(
            provider.GetRequiredService<IOptions<HubOptions>>().Value.SubscriberQueueCapacity,
            provider.GetRequiredService<JobStreamMetrics>().SlowClientDisconnected));
        if (string.IsNullOrWhiteSpace(redisConfiguration))
        {
            services.AddSingleton<MemoryTopics>();
            services.AddSingleton<IStreamBus, InMemoryStreamBus>();
            services.AddSingleton<IStreamStatus, InMemoryStreamStatus>();
            services.AddSingleton<IConnectionRegistry, InMemoryConnectionRegistry>();
            services.AddSingleton<IStreamHistory, InMemoryStreamHistory>();
            services.AddSingleton<IProgressStore, InMemoryProgressStore>();
            services.AddSingleton<InMemoryScrapeJobQueue>();
            services.AddSingleton<IScrapeJobQueue>(provider => provider.GetRequiredService<InMemoryScrapeJobQueue>());
            services.AddSingleton<IJobQueueStats>(provider => provider.GetRequiredService<InMemoryScrapeJobQueue>());
            services.AddSingleton<IScrapeJobTally, InMemoryScrapeJobTally>();
            return;
        }
        services.AddSingleton(provider => RedisMultiplexer.Connect(
            provider.GetRequiredService<IOptions<RedisOptions>>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisMultiplexer).FullName!)));
        services.AddSingleton<RedisScrapeJobQueue>();
        services.AddSingleton<IScrapeJobQueue>(provider => provider.GetRequiredService<RedisScrapeJobQueue>());
        services.AddSingleton<IJobQueueStats>(provider => provider.GetRequiredService<RedisScrapeJobQueue>());
        services.AddSingleton<IScrapeJobTally, RedisScrapeJobTally>();
        services.AddSingleton<ISharedSiteGate, RedisSiteGate>();
        services.AddSingleton(provider => new HubFunctions(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<HubOptions>>().Value,
            provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        services.AddSingleton(provider => new RedisInbox(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<LocalFanOut>(),
            provider.GetRequiredService<IOptions<HubOptions>>().Value.MaxPayloadBytes,
            provider.GetRequiredService<JobStreamMetrics>(),
            provider.GetRequiredService<ILogger<RedisInbox>>()));
        services.AddSingleton<IStreamBus, RedisStreamBus>();
        services.AddSingleton<IStreamStatus, RedisStreamStatus>();
        services.AddSingleton<IConnectionRegistry, RedisConnectionRegistry>();
        services.AddSingleton<IStreamHistory, RedisStreamHistory>();
        services.AddSingleton<IProgressStore, RedisProgressStore>();
        services.AddSingleton<RedisHubMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<RedisHubMonitor>());
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static bool IsNetwork(string text) =>
        text.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(text, out _) : System.Net.IPAddress.TryParse(text, out _);
}
