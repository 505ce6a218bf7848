using JobStream.Api.Auth;
using JobStream.Api.Exports;
using JobStream.Api.Limits;
using JobStream.Api.Sse;
using JobStream.Application.Watches;
using JobStream.Application.Watches.CreateWatch;
using JobStream.Application.Watches.DeleteWatch;
using JobStream.Application.Watches.ExportWatchJobs;
using JobStream.Application.Watches.FollowWatches;
using JobStream.Application.Watches.GetWatch;
using JobStream.Application.Watches.ListWatches;
using JobStream.Application.Watches.RunWatchNow;
using JobStream.Application.Watches.SetWatchPaused;
using JobStream.Application.Watches.SetWebhook;
using JobStream.Application.Watches.ListWebhookAttempts;
using JobStream.Domain.Watches;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>
/// Watches: domains re-scraped on a schedule, their jobs remembered in the job database, and what changed
/// streamed as <c>job_opened</c>, <c>job_changed</c>, <c>job_closed</c> and <c>watch_run</c> events
/// (docs/watches.md). A user sees and changes only their own.
/// </summary>
[ApiController]
[Authorize]
[Route("api/v1/watches")]
[Tags("Watches")]
public sealed class WatchesController(ISender sender) : ControllerBase
{
    private string Owner => User.Identity!.Name!;

    /// <summary>Create a watch: it runs at once, then every <c>every</c>.</summary>
    /// <remarks>
    /// <c>{"domains": ["acme.example"], "every": "1h", "filters": {"keywords": ["engineer"], "location": "Berlin",
    /// "location_type": "remote", "seniority": "senior", "department": "Engineering"}}</c>. Every filter is
    /// optional; change events are sent only for jobs that match them all, while every job of the domains
    /// is remembered. <c>every</c> is a number and a unit (d, h, m, s), at least <c>Watches:MinimumEverySeconds</c>.
    /// </remarks>
    /// <response code="201">The watch, with its <c>stream_url</c>.</response>
    /// <response code="400">A field is invalid; the errors name it.</response>
    /// <response code="401">No valid token.</response>
    /// <response code="409">The user has <c>Watches:MaxWatchesPerUser</c> watches already.</response>
    [HttpPost]
    [StartsScraping]
    [Consumes("application/json")]
    [ProducesResponseType<WatchView>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] WatchBody body, CancellationToken cancellationToken)
    {
        var watch = await sender.Send(new CreateWatchCommand(Owner, body.Domains, body.Every, body.Filters), cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = watch.Id }, watch);
    }

    /// <summary>The user's watches, oldest first, each with its last run and how many of its jobs are open.</summary>
    /// <response code="200">The watches.</response>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<WatchView>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IReadOnlyList<WatchView>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListWatchesQuery(Owner), cancellationToken);

    /// <summary>One watch.</summary>
    /// <response code="200">The watch.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpGet("{id}")]
    [ProducesResponseType<WatchView>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<WatchView> Get(string id, CancellationToken cancellationToken) =>
        await sender.Send(new GetWatchQuery(Owner, id), cancellationToken);

    /// <summary>Pause a watch: it keeps its jobs and its feed, and stops running until resumed.</summary>
    /// <response code="200">The watch, paused.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpPost("{id}/pause")]
    [ProducesResponseType<WatchView>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<WatchView> Pause(string id, CancellationToken cancellationToken) =>
        await sender.Send(new SetWatchPausedCommand(Owner, id, Paused: true), cancellationToken);

    /// <summary>Resume a paused watch; a run that fell due meanwhile starts at once.</summary>
    /// <response code="200">The watch, running again.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpPost("{id}/resume")]
    [ProducesResponseType<WatchView>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<WatchView> Resume(string id, CancellationToken cancellationToken) =>
        await sender.Send(new SetWatchPausedCommand(Owner, id, Paused: false), cancellationToken);

    /// <summary>Run a watch now, paused or not; its schedule stays as it was.</summary>
    /// <remarks>The next free instance runs it; follow <c>stream_url</c> for its <c>watch_run</c> and change events.</remarks>
    /// <response code="202">The run is asked for.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpPost("{id}/run")]
    [StartsScraping]
    [ProducesResponseType<WatchView>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Run(string id, CancellationToken cancellationToken)
    {
        var watch = await sender.Send(new RunWatchNowCommand(Owner, id), cancellationToken);
        return Accepted(watch.StreamUrl, watch);
    }

    /// <summary>Delete a watch with the jobs it remembers and its change events.</summary>
    /// <response code="204">Deleted.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWatchCommand(Owner, id), cancellationToken);
        return NoContent();
    }

    /// <summary>Stream one watch's changes: <c>job_opened</c>, <c>job_changed</c>, <c>job_closed</c>, <c>watch_run</c>.</summary>
    /// <remarks>
    /// First <c>connected</c> with <c>{watch_id, after}</c>, then each change as it is written, on whichever
    /// instance ran the watch. Ids are the feed's numbers: reconnect with <c>Last-Event-ID</c> (or
    /// <c>?last_event_id=</c>) and the events written since, kept in the database for
    /// <c>Watches:FeedRetentionDays</c>, come first; <c>Last-Event-ID: 0</c> replays all that is kept.
    /// </remarks>
    /// <response code="200">A text/event-stream of change events.</response>
    /// <response code="400">Last-Event-ID is not a number.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpGet("{id}/stream")]
    [QueryToken]
    [ProducesEventStream<JobChangeEvent>]
    [WatchFeedEvents]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<IActionResult> Stream(string id) =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new FollowWatchesQuery(Owner, id, this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>Stream the changes of all the user's watches, in the order they were written.</summary>
    /// <remarks>As the one watch's stream; each event's data names its <c>watch_id</c>.</remarks>
    /// <response code="200">A text/event-stream of change events.</response>
    /// <response code="400">Last-Event-ID is not a number.</response>
    [HttpGet("stream")]
    [QueryToken]
    [ProducesEventStream<JobChangeEvent>]
    [WatchFeedEvents]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> StreamAll() =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new FollowWatchesQuery(Owner, null, this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>A watch's jobs as JSON or CSV: every job it remembers, or only open ones.</summary>
    /// <remarks>
    /// <c>?format=csv</c> (or <c>Accept: text/csv</c>) answers a CSV with a header row; JSON is an array of
    /// stored jobs (<c>{watch_id, domain, identity, first_seen, last_seen, closed_at, open, job}</c>).
    /// </remarks>
    /// <response code="200">The jobs, newest first seen first.</response>
    /// <response code="400">The format is neither json nor csv.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpGet("{id}/jobs")]
    [ProducesResponseType<IReadOnlyList<StoredJob>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Jobs(string id, [FromQuery] string? format, [FromQuery] bool open = false, CancellationToken cancellationToken = default)
    {
        var csv = format is null
            ? Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            : format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("format", "The format is json or csv.");
            return ValidationProblem(ModelState);
        }
        var jobs = await sender.Send(new ExportWatchJobsQuery(Owner, id, open), cancellationToken);
        return csv ? new JobsCsvResult(jobs, $"{id}-jobs.csv") : Ok(jobs);
    }
    /// <summary>Send this watch's change events to a URL, signed; answers the signing secret, once.</summary>
    /// <remarks>
    /// Each change event written from now on is POSTed as <c>{id, event, watch_id, data}</c> with
    /// <c>X-JobStream-Event</c>, <c>X-JobStream-Delivery</c> (the event id) and
    /// <c>X-JobStream-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}." + body with the secret}</c>.
    /// Events go in order, at least once: one that fails (not 2xx, no answer) is tried again after
    /// <c>Watches:WebhookRetrySeconds</c>, doubling up to an hour, before any later one. The URL passes the same
    /// address policy as scraping. Setting it again makes a new secret.
    /// </remarks>
    /// <response code="200">The webhook, with its secret.</response>
    /// <response code="400">The URL is not an absolute http(s) URL.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpPut("{id}/webhook")]
    [Consumes("application/json")]
    [ProducesResponseType<WebhookSet>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<WebhookSet> SetWebhook(string id, [FromBody] WebhookBody body, CancellationToken cancellationToken) =>
        await sender.Send(new SetWebhookCommand(Owner, id, body.Url ?? ""), cancellationToken);

    /// <summary>Stop sending this watch's events to its webhook.</summary>
    /// <response code="204">Removed.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpDelete("{id}/webhook")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> RemoveWebhook(string id, CancellationToken cancellationToken)
    {
        await sender.Send(new SetWebhookCommand(Owner, id, null), cancellationToken);
        return NoContent();
    }

    /// <summary>The webhook's delivery log: its latest 100 attempts, newest first.</summary>
    /// <response code="200">The attempts: event id and name, when, delivered or not, the receiver's status, the error, the next try.</response>
    /// <response code="404">No watch of this user has this id.</response>
    [HttpGet("{id}/webhook/deliveries")]
    [ProducesResponseType<IReadOnlyList<WebhookAttempt>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IReadOnlyList<WebhookAttempt>> Deliveries(string id, CancellationToken cancellationToken) =>
        await sender.Send(new ListWebhookAttemptsQuery(Owner, id), cancellationToken);

    /// <summary>The body of PUT /api/v1/watches/{id}/webhook.</summary>
    public sealed record WebhookBody(string? Url);

    /// <summary>The body of POST /api/v1/watches.</summary>
    public sealed record WatchBody(IReadOnlyList<string>? Domains, string? Every, WatchFilters? Filters);
}
