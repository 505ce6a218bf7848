using System.Reflection;
using System.Security.Cryptography;
using JobStream.Api.Auth;
using JobStream.Api.Errors;
using JobStream.Application.Serialization;
using JobStream.Api.Sse;
using JobStream.Api.Limits;
using JobStream.Api.Operations;
using JobStream.Application.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using JobStream.Api.Security;
using JobStream.Api.Swagger;
using FluentValidation;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace JobStream.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddJwtAuthentication(configuration, environment);

        services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HostOptions>()
            .Configure<IOptions<StreamOptions>>((host, streams) => host.ShutdownTimeout = TimeSpan.FromSeconds(streams.Value.DrainSeconds));
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ClientStreams>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<LimitsOptions>>((limiter, limits) => ScrapeRateLimiter.Configure(limiter, limits.Value));
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.AddOptions<ForwardedHeadersSettings>()
            .BindConfiguration(ForwardedHeadersSettings.SectionName)
            .Validate(settings => settings.IsValid, $"{ForwardedHeadersSettings.SectionName}:KnownProxies must hold IP addresses or CIDR ranges")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) => settings.Value.ApplyTo(forwarded));

        // Method, path (never the query: it may hold a token), status and duration, one line a request.
        services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: [Infrastructure.DependencyInjection.ReadyTag]);
        // ASP.NET Core's, Kestrel's and the runtime's own meters, and JobStream's, on /metrics.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime", JobStreamMetrics.MeterName)
            .AddPrometheusExporter());

        services.AddSingleton<StreamAdmissionFilter>();
        services.AddControllers(mvc =>
            {
                mvc.OutputFormatters.Insert(0, new SseOutputFormatter());
                // One instance MVC may keep: when every filter of an action is kept, MVC keeps the action's
                // filter list too, instead of building it (and this filter) for each request.
                mvc.Filters.Add(new ServiceFilterAttribute(typeof(StreamAdmissionFilter)) { IsReusable = true });
                // Let the validators name a missing field in their own words.
                mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddJsonOptions(json => JsonDefaults.Apply(json.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = ModelStateProblems.Create);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            var origins = CorsOrigins(configuration);
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin(); // credentials are never allowed with a wildcard origin
            }
            else
            {
                policy.WithOrigins(origins).AllowCredentials();
            }
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Content-Type", "Cache-Control");
        }));

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "JobStream",
                Version = "v1",
                Description = "Scrapes company career pages for open jobs and streams results, progress and updates over Server-Sent Events.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
            swagger.AddSecurityDefinition(BearerSecurityFilter.SchemeName, BearerSecurityFilter.Scheme);
            swagger.OperationFilter<BearerSecurityFilter>();
            swagger.OperationFilter<EventStreamEventsFilter>();
            swagger.SupportNonNullableReferenceTypes();
            swagger.SchemaFilter<AlwaysWrittenRequiredFilter>();
            // A JSON value passed through as it came (a producer's event data): any JSON.
            swagger.MapType<JsonPayload>(() => new OpenApiSchema());
        });

        return services;
    }

    /// <summary>
    /// A worker-only instance (Jobs:Role=worker) runs scrape jobs and answers /health, /status and /metrics only.
    /// </summary>
    public static WebApplication UseWorkerRoleGate(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<Infrastructure.Jobs.JobsOptions>>().Value.Role != "worker")
        {
            return app;
        }
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments("/status") || path.StartsWithSegments("/metrics"))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    private static void AddJwtAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // JWT_SECRET is the seeds' name. Development without one gets a random secret per process, so
        // the service starts with nothing configured; elsewhere a missing secret stops the start.
        var secret = configuration["JWT_SECRET"] is { Length: > 0 } fromEnvironment ? fromEnvironment : configuration["Auth:JwtSecret"];
        if (string.IsNullOrEmpty(secret) && environment.IsDevelopment())
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .PostConfigure(options => options.JwtSecret = secret)
            .ValidateDataAnnotations()
            .Validate(options => options.HasValidSecret, $"JWT_SECRET (or Auth:JwtSecret) must be set, at least {AuthOptions.MinimumSecretBytes} bytes long")
            .ValidateOnStart();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<Application.Streaming.IssueDevToken.ITokenIssuer>(provider => provider.GetRequiredService<TokenIssuer>());
        services.AddSingleton<JwtEvents>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false; // "sub" stays "sub"
                jwt.TokenValidationParameters = auth.Value.ValidationParameters();
                jwt.EventsType = typeof(JwtEvents);
            });
        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>()
            .Configure<IOptions<AuthOptions>>((authorization, auth) => Policies.Add(authorization, auth.Value, environment.IsDevelopment()));
    }

    /// <summary>
    /// GET /health/ready: Redis, the backplane, the browser and draining (503 when not ready), and
    /// GET /metrics in Prometheus' text format.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// The origin check (<see cref="ScrapingOrigins"/>) and the rate limiter, only where scraping starts: the middleware holds its state for as long as a
    /// request runs, which for every other stream would be for nothing (the heap profile showed it).
    /// </summary>
    public static WebApplication UseScrapeRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var origins = ScrapingOrigins.From(app.Configuration, app.Environment);
        // A page that may not start scrapes is refused before it spends its visitor's limits.
        app.UseWhen(http => http.GetEndpoint()?.Metadata.GetMetadata<StartsScrapingAttribute>() is not null, limited => limited
            .UseMiddleware<ScrapingOrigins>((object)origins)
            .UseRateLimiter());
        return app;
    }

    /// <summary>
    /// One log line a request (method, path, status, duration), for every endpoint but the event streams:
    /// a stream has its own connect and disconnect lines, and the logging middleware would otherwise hold
    /// its state for as long as each stream stays open.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(http => !IsEventStream(http.GetEndpoint()), logged => logged.UseHttpLogging());
        return app;
    }

    /// <summary>
    /// CORS for the requests a page of another origin makes (they carry Origin). On any other request the
    /// middleware has nothing to do, yet it marks the request in HttpContext.Items, which then holds a
    /// dictionary for as long as the request lasts: for an /events client, as long as it listens. No
    /// endpoint carries CORS metadata of its own, which the mark exists to check.
    /// </summary>
    public static WebApplication UseCorsWhereCrossOrigin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(http => http.Request.Headers.Origin.Count > 0, crossOrigin => crossOrigin.UseCors());
        return app;
    }

    private static bool IsEventStream(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ProducesEventStreamAttribute>() is not null;

    /// <summary>HSTS and the redirect to HTTPS, outside Development, each unless turned off (Security:*).</summary>
    public static WebApplication UseHttpsOutsideDevelopment(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (app.Environment.IsDevelopment())
        {
            return app;
        }
        if (security.Hsts)
        {
            app.UseHsts();
        }
        if (security.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }
        return app;
    }

    /// <summary>
    /// Swagger UI and the OpenAPI document, everywhere but Production unless Security:Swagger says
    /// otherwise. Swagger's middlewares await the rest of the pipeline, so they run only on /swagger,
    /// or they would keep their state alive for as long as every stream stays open.
    /// </summary>
    public static WebApplication UseSwaggerWhereEnabled(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var enabled = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Swagger ?? !app.Environment.IsProduction();
        if (enabled)
        {
            app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger"), swagger => swagger
                .UseSwagger()
                .UseSwaggerUI(ui => ui.SwaggerEndpoint("/swagger/v1/swagger.json", "JobStream v1")));
        }
        return app;
    }

    /// <summary>CORS_ORIGINS (comma-separated, as the seeds name it) or Cors:Origins; "*" when neither is set.</summary>
    public static string[] CorsOrigins(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration["CORS_ORIGINS"] ?? configuration["Cors:Origins"];
        var origins = (raw ?? "*").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return origins.Length == 0 ? ["*"] : origins;
    }
}
