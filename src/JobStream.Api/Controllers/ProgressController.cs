using JobStream.Api.Auth;
using JobStream.Api.Sse;
using JobStream.Application.Streaming.ClearProgress;
using JobStream.Application.Streaming.GetProgress;
using JobStream.Application.Streaming.ProgressStream;
using JobStream.Application.Streaming;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Per-user progress (seed 002). A user's progress is readable only with that user's token.</summary>
[ApiController]
[Authorize]
[Route("api/v1/sse")]
[Tags("Progress")]
public sealed class ProgressController(ISender sender) : ControllerBase
{
    /// <summary>Stream a user's progress: <c>connected</c>, the latest update if any, then every new one as a <c>progress</c> event.</summary>
    /// <remarks>Every open stream of the user receives each update, on whichever instance it is connected. The token may come as <c>?token=</c>.</remarks>
    /// <response code="200">A text/event-stream of progress events.</response>
    /// <response code="400">The user id is not a safe key.</response>
    /// <response code="403">The token is another user's.</response>
    [HttpGet("progress/stream/{user_id}")]
    [QueryToken]
    [ProducesEventStream<object>]
    [StreamEvent<ProgressConnected>("connected")]
    [StreamEvent<object>("progress")]
    [StreamEvent<MissedEvents>("missed")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public IActionResult Stream([FromRoute(Name = "user_id")] string userId) =>
        this.EventStream(sender.CreateStream(new ProgressStreamQuery(userId, User.Identity!.Name!, this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>The user's latest progress, or <c>null</c>.</summary>
    /// <response code="200">The latest progress update, or <c>null</c>.</response>
    /// <response code="403">The token is another user's.</response>
    [HttpGet("progress/status/{user_id}")]
    [ProducesResponseType<object>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> Status([FromRoute(Name = "user_id")] string userId, CancellationToken cancellationToken) =>
        await sender.Send(new GetProgressQuery(userId, User.Identity!.Name!), cancellationToken) is { } latest
            ? Ok(latest)
            : Content("null", "application/json");

    /// <summary>Forget the user's progress.</summary>
    /// <response code="403">The token is another user's.</response>
    [HttpDelete("progress/{user_id}")]
    [ProducesResponseType<ProgressCleared>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<ProgressCleared> Clear([FromRoute(Name = "user_id")] string userId, CancellationToken cancellationToken) =>
        await sender.Send(new ClearProgressCommand(userId, User.Identity!.Name!), cancellationToken);
}
