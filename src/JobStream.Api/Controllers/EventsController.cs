using JobStream.Api.Auth;
using JobStream.Api.Sse;
using Mediator;
using JobStream.Application.Streaming.Events;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>The public event feed (seed 003).</summary>
[ApiController]
[Tags("Events")]
public sealed class EventsController(ISender sender) : ControllerBase
{
    /// <summary>Unnamed events whose JSON names them: <c>connected</c>, <c>heartbeat</c> every <c>Events:PingIntervalSeconds</c>, broadcast events (POST /run's progress), and for admins scraper log lines as <c>log</c>.</summary>
    /// <remarks>Anyone may listen. Scraper log lines name other callers' domains, so they go only to a caller with the admin role (anyone in Development); an admin token may come as <c>?token=</c>.</remarks>
    /// <response code="200">A text/event-stream.</response>
    [HttpGet("/events")]
    [QueryToken]
    [ProducesEventStream<EventsEnvelope>]
    [StreamEvent<EventsEnvelope>("message")]
    public async Task<IActionResult> Events()
    {
        // Not an action argument (the authorization service): MVC keeps an action's arguments, and what
        // they hold, for as long as its result runs, which for a stream is as long as it stays open.
        var includeLogs = await Policies.IsAdminAsync(HttpContext);
        return this.EventStream(sender.CreateStream(new EventsQuery(includeLogs, this.LastEventId()), HttpContext.StreamEnding()));
    }
}
