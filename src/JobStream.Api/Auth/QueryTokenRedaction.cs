namespace JobStream.Api.Auth;

/// <summary>
/// Takes a <c>token</c> query parameter out of the request URL at the start of the pipeline and keeps
/// it aside for authentication, so that no log line written afterwards (request logging, errors,
/// our own) can contain it. The request's "starting" log line is written before any middleware;
/// its category is kept at Warning in code (see Program) so it never logs a URL either.
/// </summary>
public sealed class QueryTokenRedaction(RequestDelegate next)
{
    private const string Parameter = "token";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Query.TryGetValue(Parameter, out var token))
        {
            context.Items[typeof(QueryTokenRedaction)] = token.ToString();
            var rest = context.Request.Query.Where(p => !string.Equals(p.Key, Parameter, StringComparison.OrdinalIgnoreCase));
            context.Request.QueryString = QueryString.Create(rest);
        }
        return next(context);
    }

    public static string? TakenToken(HttpContext context) => context.Items[typeof(QueryTokenRedaction)] as string;
}
