using FluentValidation;
using JobStream.Application.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using JobStream.Api.Limits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Errors;

/// <summary>
/// Turns the Application's exceptions into problem documents: a rejected request into a 400 whose
/// errors are keyed by the JSON field name, a missing thing into a 404, a refused one into a 403.
/// Streams check these before their first byte, so a status code is always still possible.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, IOptions<LimitsOptions> limits) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }
        if (exception is TooManyStreamsException or InstanceDrainingException or BackplaneUnavailableException or JobQueueFullException)
        {
            await ProblemResponses.WriteTryLaterAsync(httpContext, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(limits.Value.RetryAfterSeconds), exception.Message);
            return true;
        }
        if (IsDatabaseAway(exception))
        {
            // The job database is down or unreachable (watches, search): nothing was done; try again.
            await ProblemResponses.WriteTryLaterAsync(httpContext, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(limits.Value.RetryAfterSeconds),
                "The job database is not answering; nothing was changed. Try again shortly.");
            return true;
        }
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => ModelStateProblems.Details(validation.Errors
                .GroupBy(failure => failure.PropertyName)
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).ToArray())),
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = exception.Message },
            ForbiddenAccessException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = exception.Message },
            LimitReachedException => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Limit reached.", Detail = exception.Message },
            // Kestrel's own refusals while reading the request: above all a body over Limits:MaxRequestBodyBytes.
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"At most {httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? limits.Value.MaxRequestBodyBytes} bytes.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    // A transient database failure, as the provider throws it or as EF Core wraps it ("likely due to a transient failure").
    private static bool IsDatabaseAway(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }
}
