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
    /// <summary>Unnamed events whose JSON names them: <c>connected</c>, <c>heartbeat</c> every <c>Events:PingIntervalSeconds</c>, broadcast events (POST /run's progress, scraper log lines as <c>log</c>).</summary>
    /// <response code="200">A text/event-stream.</response>
    [HttpGet("/events")]
    [ProducesResponseType<EventsEnvelope>(StatusCodes.Status200OK, SseOutputFormatter.MediaType)]
    public IActionResult Events() => this.EventStream(sender.CreateStream(new EventsQuery(), HttpContext.RequestAborted));
}
