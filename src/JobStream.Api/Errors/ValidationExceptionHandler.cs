using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Errors;

/// <summary>
/// Turns a request rejected by a validator into a 400 ValidationProblemDetails whose errors are keyed by
/// the JSON field name. Stream requests are validated when the stream is created, before any byte is
/// written, so this is always still possible.
/// </summary>
public sealed class ValidationExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ValidationException validation || httpContext.Response.HasStarted)
        {
            return false;
        }
        var errors = validation.Errors
            .GroupBy(failure => failure.PropertyName)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray());
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
        });
    }
}
