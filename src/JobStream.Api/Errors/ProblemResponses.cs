using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Errors;

/// <summary>
/// Problem documents written outside MVC and the exception handler: by the JWT events, the rate
/// limiter and the stream caps, in the one shape every error has.
/// </summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        // The problem-details writers go by Accept, and none takes "text/event-stream" (an EventSource
        // asks for nothing else): the status and the document are written all the same.
        if (!await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            await http.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }

    /// <summary>A 429 or 503 saying when to try again, with the Retry-After header (whole seconds, at least 1).</summary>
    public static Task WriteTryLaterAsync(HttpContext http, int status, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return WriteAsync(
            http,
            status,
            status == StatusCodes.Status429TooManyRequests ? "Too many requests." : "Too busy.",
            detail + " Try again after the Retry-After delay.");
    }
}
