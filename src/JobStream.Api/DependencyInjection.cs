using System.Reflection;
using JobStream.Api.Errors;
using JobStream.Api.Serialization;
using JobStream.Api.Sse;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace JobStream.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OpenStreams>();

        services.AddControllers(mvc =>
            {
                mvc.OutputFormatters.Insert(0, new SseOutputFormatter());
                // Let the validators name a missing field in their own words.
                mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddJsonOptions(json => JsonDefaults.Apply(json.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = ModelStateProblems.Create);

        services.AddProblemDetails();
        services.AddExceptionHandler<ValidationExceptionHandler>();

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
        });

        return services;
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
