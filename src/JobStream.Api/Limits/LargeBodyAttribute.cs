using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Limits;

/// <summary>
/// An endpoint whose body may be as large as <see cref="LimitsOptions.MaxJobRequestBodyBytes"/> (a job
/// of thousands of domains) rather than <see cref="LimitsOptions.MaxRequestBodyBytes"/>: raised before
/// the body is read, so a larger one is still answered 413 without reading it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LargeBodyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = Math.Max(limits.MaxRequestBodyBytes, limits.MaxJobRequestBodyBytes);
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
