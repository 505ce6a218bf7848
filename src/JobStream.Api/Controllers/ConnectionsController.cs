using JobStream.Api.Auth;
using JobStream.Application.Streaming.GetConnectionsStatus;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>What this instance holds (seed 002), for operators.</summary>
[ApiController]
[Tags("Progress")]
public sealed class ConnectionsController(ISender sender) : ControllerBase
{
    /// <summary>Live connection counts on this instance.</summary>
    /// <response code="401">Outside Development: no valid token.</response>
    /// <response code="403">Outside Development: the token has no admin role.</response>
    [HttpGet("api/v1/sse/connections/status")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<ConnectionsStatus>(StatusCodes.Status200OK, "application/json")]
    public async Task<ConnectionsStatus> Status(CancellationToken cancellationToken) =>
        await sender.Send(new GetConnectionsStatusQuery(), cancellationToken);
}
