using System.Text.RegularExpressions;
using JobStream.Api.Sse;
using JobStream.Application.Messaging;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.ProgressStream;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Per-user progress (seed 002). A user's progress is readable only with that user's token.</summary>
[ApiController]
[Authorize]
[Route("api/v1/sse")]
[Tags("Progress")]
public sealed partial class ProgressController(ISender sender, IStreamManager streams, OpenStreams openStreams) : ControllerBase
{
    /// <summary>Stream a user's progress: <c>connected</c>, the latest update if any, then every new one as a <c>progress</c> event.</summary>
    /// <remarks>Every open stream of the user receives each update, on whichever instance it is connected.</remarks>
    /// <response code="200">A text/event-stream of progress events.</response>
    /// <response code="400">The user id is not a safe key.</response>
    /// <response code="403">The token is another user's.</response>
    [HttpGet("progress/stream/{user_id}")]
    [ProducesResponseType<object>(StatusCodes.Status200OK, SseOutputFormatter.MediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public IActionResult Stream([FromRoute(Name = "user_id")] string userId, [FromQuery] string? token = null) =>
        Refusal(userId) ?? this.EventStream(sender.CreateStream(new ProgressStreamQuery(userId), HttpContext.RequestAborted));

    /// <summary>The user's latest progress, or <c>null</c>.</summary>
    [HttpGet("progress/status/{user_id}")]
    [ProducesResponseType<object>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Status([FromRoute(Name = "user_id")] string userId, CancellationToken cancellationToken)
    {
        if (Refusal(userId) is { } refusal)
        {
            return refusal;
        }
        var latest = await streams.GetProgressAsync(userId, cancellationToken);
        return latest is null ? Content("null", "application/json") : Ok(latest);
    }

    /// <summary>Forget the user's progress.</summary>
    [HttpDelete("progress/{user_id}")]
    [ProducesResponseType<ClearedResponse>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Clear([FromRoute(Name = "user_id")] string userId, CancellationToken cancellationToken)
    {
        if (Refusal(userId) is { } refusal)
        {
            return refusal;
        }
        var existed = await streams.ClearProgressAsync(userId, cancellationToken);
        return Ok(new ClearedResponse(existed ? $"Progress of {userId} cleared." : $"{userId} had no progress.", existed));
    }

    /// <summary>Live connection counts on this instance.</summary>
    [HttpGet("connections/status")]
    [AllowAnonymous]
    [ProducesResponseType<ConnectionsStatusResponse>(StatusCodes.Status200OK, "application/json")]
    public ConnectionsStatusResponse Connections()
    {
        var counts = streams.CountSubscriptions();
        return new ConnectionsStatusResponse(
            OpenStreams: openStreams.Count,
            Connections: counts.GetValueOrDefault(StreamTopicKind.Connection),
            ProgressStreams: counts.GetValueOrDefault(StreamTopicKind.UserProgress),
            EventStreams: counts.GetValueOrDefault(StreamTopicKind.Broadcast),
            Backplane: streams.Status);
    }

    // A bad key is a 400 and another user's id a 403; null when the caller may go on.
    private IActionResult? Refusal(string userId)
    {
        if (!SafeKey().IsMatch(userId))
        {
            ModelState.AddModelError("user_id", StreamKeys.SafeKeyMessage);
            return ValidationProblem(ModelState);
        }
        return string.Equals(User.Identity?.Name, userId, StringComparison.Ordinal) ? null : Forbid();
    }

    [GeneratedRegex(StreamKeys.SafeKeyPattern)]
    private static partial Regex SafeKey();

    public sealed record ClearedResponse(string Message, bool Cleared);

    public sealed record ConnectionsStatusResponse(long OpenStreams, int Connections, int ProgressStreams, int EventStreams, StreamBackplaneStatus Backplane);
}
