using JobStream.Application.Watches;
using JobStream.Application.Watches.SearchJobs;
using JobStream.Domain.Jobs;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Search the jobs the user's watches have found, open and closed.</summary>
[ApiController]
[Authorize]
[Route("api/v1/jobs")]
[Tags("Watches")]
public sealed class JobsController(ISender sender) : ControllerBase
{
    /// <summary>Search stored jobs: full text over title and summary, narrowed by fields, newest first, paged.</summary>
    /// <remarks>
    /// <c>q</c>: every word must start a word of the title or summary (<c>q=data eng</c> finds "Data
    /// Engineer"); PostgreSQL's full-text index or SQLite's FTS5. <c>company</c> and <c>location</c> match
    /// within the field, <c>seniority</c> and <c>department</c> whole (case aside). <c>posted_since</c> is
    /// an ISO-8601 time (jobs with no stated date count from when they were first seen). <c>open</c>: true
    /// (the default), false (closed jobs only) or all. <c>sort</c>: <c>posted_at</c> (default) or <c>first_seen</c>.
    /// </remarks>
    /// <response code="200">A page of jobs; <c>has_more</c> says whether the next page has any.</response>
    /// <response code="400">A parameter is invalid; the errors name it.</response>
    [HttpGet]
    [ProducesResponseType<JobSearchPage>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Search(
        [FromQuery] string? q,
        [FromQuery] string? company,
        [FromQuery] string? location,
        [FromQuery(Name = "location_type")] LocationType? locationType,
        [FromQuery] string? seniority,
        [FromQuery] string? department,
        [FromQuery(Name = "posted_since")] DateTimeOffset? postedSince,
        [FromQuery(Name = "watch_id")] string? watchId,
        [FromQuery] string? open,
        [FromQuery] string? sort,
        [FromQuery] int page = 1,
        [FromQuery(Name = "page_size")] int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        bool? openOnly = open?.ToLowerInvariant() switch
        {
            null or "" or "true" => true,
            "false" => false,
            "all" => null,
            _ => Invalid("open", "open is true, false or all."),
        };
        var order = sort?.ToLowerInvariant() switch
        {
            null or "" or "posted_at" => JobSort.PostedAt,
            "first_seen" => JobSort.FirstSeen,
            _ => Invalid<JobSort>("sort", "sort is posted_at or first_seen."),
        };
        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }
        var search = new JobSearch
        {
            Owner = User.Identity!.Name!,
            Text = q,
            WatchId = watchId,
            Company = company,
            Location = location,
            LocationType = locationType,
            Seniority = seniority,
            Department = department,
            PostedSince = postedSince,
            Open = openOnly,
            Sort = order,
            Page = page,
            PageSize = pageSize,
        };
        return Ok(await sender.Send(new SearchJobsQuery(search), cancellationToken));
    }

    private bool? Invalid(string field, string message) => Invalid<bool?>(field, message);

    private T Invalid<T>(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return default!;
    }
}
