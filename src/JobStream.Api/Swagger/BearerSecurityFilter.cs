using JobStream.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace JobStream.Api.Swagger;

/// <summary>
/// Marks the operations that need a token with the bearer scheme, so Swagger UI's Authorize button
/// sends it, and lists <c>token</c> as a query parameter where a stream accepts it there (EventSource).
/// </summary>
public sealed class BearerSecurityFilter(IOptions<AuthOptions> auth) : IOperationFilter
{
    public const string SchemeName = "Bearer";

    public static OpenApiSecurityScheme Scheme => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "An HS256 JWT whose sub names the user. In Development, POST /api/v1/dev/token issues one.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        // The scraping policy asks for a token only when Auth:RequireTokenForScraping is on.
        var needsToken = metadata.OfType<IAuthorizeData>().Any(a => a.Policy != Policies.Scraping || auth.Value.RequireTokenForScraping);
        if (!needsToken || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        if (metadata.OfType<QueryTokenAttribute>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "token",
                In = ParameterLocation.Query,
                Required = false,
                Description = "The JWT, for clients that cannot send an Authorization header (EventSource).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}
