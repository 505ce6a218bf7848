using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Errors;

/// <summary>
/// Shapes MVC's own 400s (malformed JSON, a wrong type, no body) like the validators' ones: errors keyed by
/// the JSON field ("domains[1]") rather than a JSON path ("$.domains[1]"), "body" for the body itself.
/// </summary>
public static class ModelStateProblems
{
    public static IActionResult Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .GroupBy(entry => FieldName(entry.Key))
            .ToDictionary(
                group => group.Key,
                group => group.SelectMany(entry => entry.Value!.Errors)
                    .Select(error => string.IsNullOrEmpty(error.ErrorMessage) ? "The value is invalid." : error.ErrorMessage)
                    .ToArray());
        var problem = Details(errors);
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>The one shape of every 400 for bad input, whether MVC or a validator found it.</summary>
    public static ValidationProblemDetails Details(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is invalid.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    };

    private static string FieldName(string key)
    {
        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;
        return name is "" or "$" ? "body" : name;
    }
}
