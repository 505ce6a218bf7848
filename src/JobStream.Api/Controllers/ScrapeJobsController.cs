using JobStream.Api.Sse;
using JobStream.Application.Messaging;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Domain.Streaming;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Controllers;

/// <summary>Scrapes that report progress: in the background (seed 004) or on the request's own stream (seed 001).</summary>
[ApiController]
[Tags("Scrape jobs")]
public sealed class ScrapeJobsController(ScrapeJobScheduler scheduler, ISender sender, IOptions<ScrapingOptions> scraping) : ControllerBase
{
    /// <summary>Start a background scrape; its events go to a new connection of the caller.</summary>
    /// <remarks>
    /// Answers at once with <c>{job_id, connection_id, stream_url}</c>. Open <c>stream_url</c> (with the same
    /// token) to receive <c>progress</c>, one <c>result</c> per domain and a final <c>completed</c>; events sent
    /// before the client joined are replayed to it. With Redis, any instance's worker may run the job.
    /// </remarks>
    /// <response code="202">The job is queued.</response>
    /// <response code="400">The domains are invalid.</response>
    /// <response code="401">No valid token.</response>
    [HttpPost("api/v1/scrape/jobs")]
    [Authorize]
    [Consumes("application/json")]
    [ProducesResponseType<StartedJobResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Start([FromBody] StartScrapeJobRequest request, CancellationToken cancellationToken)
    {
        var (job, connection) = await scheduler.StartAsync(User.Identity!.Name!, request, cancellationToken);
        var streamUrl = $"/api/v1/stream/{connection.Id}";
        return Accepted(streamUrl, new StartedJobResponse(job.JobId, connection.Id, streamUrl));
    }

    /// <summary>Scrape and stream named events: <c>progress</c> (resolving, fetching, discovering, extracting, enriching), <c>result</c>, <c>completed</c>.</summary>
    /// <remarks>Without <c>domains</c>, scrapes the configured company list (<c>Scraping:Companies</c>).</remarks>
    /// <response code="200">A text/event-stream of named events.</response>
    /// <response code="400">The domains are invalid, or none are given and none are configured.</response>
    [HttpGet("api/v1/scraping/trigger/stream")]
    [ProducesResponseType<ProgressEvent>(StatusCodes.Status200OK, SseOutputFormatter.MediaType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public IActionResult Trigger([FromQuery(Name = "domains")] string[]? domains)
    {
        var list = ScrapeController.SplitDomains(domains);
        var query = new TriggerScrapeQuery(list.Count > 0 ? list : [.. scraping.Value.Companies]);
        return this.EventStream(sender.CreateStream(query, HttpContext.RequestAborted));
    }

    /// <summary>Run the full batch over the configured company list; progress goes to <c>/events</c> (seed 000).</summary>
    /// <response code="202">The run is queued.</response>
    /// <response code="400">No company list is configured.</response>
    [HttpPost("/run")]
    [ProducesResponseType<StartedRunResponse>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Run(CancellationToken cancellationToken)
    {
        var job = await scheduler.BroadcastAsync([.. scraping.Value.Companies], cancellationToken);
        return Accepted("/events", new StartedRunResponse(job.JobId, job.Domains.Count, "/events"));
    }

    public sealed record StartedJobResponse(string JobId, string ConnectionId, string StreamUrl);

    public sealed record StartedRunResponse(string JobId, int Companies, string EventsUrl);
}
