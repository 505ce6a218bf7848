using JobStream.Api.Auth;
using JobStream.Api.Limits;
using JobStream.Api.Sse;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.ScrapeJobs.RunCompanies;
using JobStream.Application.Scraping.ScrapeJobs.StartScrapeJob;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Application.Streaming;
using JobStream.Domain.Scraping;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Scrapes that report progress: in the background (seed 004) or on the request's own stream (seed 001).</summary>
[ApiController]
[Tags("Scrape jobs")]
public sealed class ScrapeJobsController(ISender sender) : ControllerBase
{
    /// <summary>Start a background scrape; its events go to a new connection of the caller.</summary>
    /// <remarks>
    /// Answers at once with <c>{job_id, connection_id, stream_url}</c>. Open <c>stream_url</c> (with the same
    /// token) to receive <c>progress</c>, one <c>result</c> per domain and a final <c>completed</c>; events sent
    /// before the client joined are replayed to it. Up to <c>Scraping:MaxDomainsPerJob</c> domains (10,000 by
    /// default): the job is split into one part per domain, which any worker of any instance takes (with
    /// Redis), each site's request limits holding across all of them.
    /// </remarks>
    /// <response code="202">The job is queued.</response>
    /// <response code="400">The domains are invalid.</response>
    /// <response code="401">No valid token.</response>
    /// <response code="413">The body is larger than <c>Limits:MaxJobRequestBodyBytes</c>.</response>
    /// <response code="503">The job queue is full (<c>Jobs:MaxQueueLength</c>); Retry-After says when to try again.</response>
    [HttpPost("api/v1/scrape/jobs")]
    [Authorize]
    [StartsScraping]
    [LargeBody]
    [Consumes("application/json")]
    [ProducesResponseType<StartedScrapeJob>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Start([FromBody] ScrapeJobBody body, CancellationToken cancellationToken)
    {
        var started = await sender.Send(new StartScrapeJobCommand(User.Identity!.Name!, body.Domains), cancellationToken);
        return Accepted(started.StreamUrl, started);
    }

    /// <summary>Scrape and stream named events: <c>progress</c> (resolving, fetching, discovering, extracting, enriching), <c>result</c>, <c>completed</c>.</summary>
    /// <remarks>
    /// Without <c>domains</c>, scrapes the configured company list (<c>Scraping:Companies</c>). Like the GET
    /// scrape stream it is a run: <c>run</c> first, ids on every event, resumed with Last-Event-ID, 204
    /// once the client has all of it.
    /// </remarks>
    /// <response code="200">A text/event-stream of named events.</response>
    /// <response code="204">The run has ended and the client has all of it.</response>
    /// <response code="400">The domains are invalid, or none are given and none are configured.</response>
    [HttpGet("api/v1/scraping/trigger/stream")]
    [Authorize(Policy = Policies.Scraping)]
    [StartsScraping(holdsConnection: true)]
    [QueryToken]
    [ProducesEventStream<ProgressEvent>]
    [StreamEvent<RunStarted>("run")]
    [StreamEvent<ProgressEvent>("progress")]
    [StreamEvent<ScrapeResult>("result")]
    [StreamEvent<ScrapeSummary>("completed")]
    [StreamEvent<MissedEvents>("missed")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> Trigger([FromQuery(Name = "domains")] string[]? domains) =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new TriggerScrapeQuery(DomainList.FromQuery(domains), this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>Run the full batch over the configured company list; progress goes to <c>/events</c> (seed 000).</summary>
    /// <response code="202">The run is queued.</response>
    /// <response code="400">No company list is configured.</response>
    /// <response code="401">Outside Development: no valid token.</response>
    /// <response code="403">Outside Development: the token has no admin role.</response>
    [HttpPost("/run")]
    [Authorize(Policy = Policies.Admin)]
    [StartsScraping]
    [ProducesResponseType<CompaniesJobStarted>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Run(CancellationToken cancellationToken) =>
        Accepted("/events", await sender.Send(new RunCompaniesCommand(), cancellationToken));

    /// <summary>The body of POST /api/v1/scrape/jobs: <c>{"domains": [...]}</c>.</summary>
    public sealed record ScrapeJobBody(IReadOnlyList<string>? Domains);
}
