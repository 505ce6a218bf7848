using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace JobStream.Api.Swagger;

/// <summary>
/// Lists every property the API always writes as required. The service leaves out only null values
/// (JsonDefaults), so a property whose CLR type cannot be null is in every answer: a generated client
/// gets <c>message: string</c> rather than <c>message?: string</c>, and keeps the optional mark for the
/// values that may be missing. Types a request body carries are left as they are: what a client may
/// leave out is not what the service always writes.
/// </summary>
public sealed class AlwaysWrittenRequiredFilter(IApiDescriptionGroupCollectionProvider descriptions) : ISchemaFilter
{
    private readonly NullabilityInfoContext _nullability = new();
    private HashSet<Type>? _sent;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete
            || context.Type.Namespace?.StartsWith("JobStream.", StringComparison.Ordinal) != true
            || SentByClients().Contains(context.Type))
        {
            return; // the framework's own types (ProblemDetails) say what they need themselves
        }
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (concrete.Properties!.ContainsKey(name) && _nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                concrete.Required ??= new HashSet<string>();
                concrete.Required.Add(name);
            }
        }
    }

    // The body types of every action and the JobStream types their properties hold.
    private HashSet<Type> SentByClients() => _sent ??= descriptions.ApiDescriptionGroups.Items
        .SelectMany(group => group.Items)
        .SelectMany(api => api.ParameterDescriptions)
        .Where(parameter => parameter.Source == BindingSource.Body && parameter.Type is not null)
        .SelectMany(parameter => parameter.Type.GetProperties().Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).Append(parameter.Type))
        .Where(type => type.Namespace?.StartsWith("JobStream.", StringComparison.Ordinal) == true)
        .ToHashSet();
}
