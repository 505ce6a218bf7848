using JobStream.Api.Auth;
using JobStream.Api.Sse;
using Mediator;
using JobStream.Application.Streaming.OpenStream;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Authenticated streams of the events published to a connection (seed 004).</summary>
[ApiController]
[Authorize]
[Route("api/v1/stream")]
[QueryToken]
[Tags("Streams")]
public sealed class StreamController(ISender sender) : ControllerBase
{
    /// <summary>Open a stream on a new connection.</summary>
    /// <remarks>
    /// The first event is <c>connected</c> with <c>{connection_id}</c>; then every event published to
    /// <c>stream:{connection_id}</c>, by this service or by any process through Redis. Events carry ids:
    /// a client that reconnects with <c>Last-Event-ID</c> is put back on its connection and gets what it
    /// missed. The token may be <c>?token=</c>, an <c>Authorization: Bearer</c> header or the
    /// <c>access_token</c> cookie.
    /// </remarks>
    /// <response code="200">A text/event-stream: <c>connected</c>, then the connection's events.</response>
    /// <response code="401">No token, or one that is malformed, expired or wrongly signed.</response>
    [HttpGet]
    [ProducesEventStream<ConnectedEvent>]
    [ConnectionEvents]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public Task<IActionResult> Open() =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new OpenStreamQuery(User.Identity!.Name!, null, this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>Join an existing connection's stream, for example the one a background job answered with.</summary>
    /// <remarks>Events already published to the connection are replayed first (after <c>Last-Event-ID</c> when given).</remarks>
    /// <response code="200">A text/event-stream: <c>connected</c>, the kept events, then new ones.</response>
    /// <response code="401">No valid token.</response>
    /// <response code="403">The connection belongs to another user.</response>
    /// <response code="404">No such connection, or it has expired.</response>
    [HttpGet("{connectionId}")]
    [ProducesEventStream<ConnectedEvent>]
    [ConnectionEvents]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<IActionResult> Join(string connectionId) =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new OpenStreamQuery(User.Identity!.Name!, connectionId, this.LastEventId()), HttpContext.StreamEnding()));

}
