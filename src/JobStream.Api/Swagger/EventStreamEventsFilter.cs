using System.Text.Json.Nodes;
using JobStream.Api.Sse;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace JobStream.Api.Swagger;

/// <summary>
/// Writes what an event stream sends into its 200 response as <c>x-events</c>: each event's name and a
/// reference to its data's schema (<c>{}</c> for any JSON), so the schemas of every event are in the
/// document and a client generates its event types from it (ui/ does, with openapi-typescript).
/// </summary>
public sealed class EventStreamEventsFilter : IOperationFilter
{
    public const string Extension = "x-events";

    // Written by the SSE formatter on any stream: a failure part-way, or an instance that is stopping.
    private static readonly (string Name, Type Data)[] EveryStream = [("error", typeof(StreamFailed)), ("reconnect", typeof(Reconnect))];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IStreamEvents>().SelectMany(set => set.Events).ToList();
        if (declared.Count == 0
            || operation.Responses?.TryGetValue("200", out var ok) != true
            || ok is not OpenApiResponse response)
        {
            return;
        }

        var events = new JsonObject();
        foreach (var (name, data) in declared.Concat(EveryStream))
        {
            events[name] = data == typeof(object) ? new JsonObject() : SchemaOf(data, context);
        }
        response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        response.Extensions[Extension] = new JsonNodeExtension(events);
    }

    private static JsonObject SchemaOf(Type data, OperationFilterContext context)
    {
        var schema = context.SchemaGenerator.GenerateSchema(data, context.SchemaRepository);
        var id = (schema as OpenApiSchemaReference)?.Reference.Id
            ?? throw new InvalidOperationException($"{data.Name} is an event's data and must be a component schema.");
        return new JsonObject { ["$ref"] = $"#/components/schemas/{id}" };
    }
}
