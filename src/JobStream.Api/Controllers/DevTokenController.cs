using JobStream.Application.Streaming.IssueDevToken;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Issues tokens for trying the authenticated streams. Exists in Development only.</summary>
[ApiController]
[Route("api/v1/dev/token")]
[Tags("Development")]
public sealed class DevTokenController(ISender sender) : ControllerBase
{
    /// <summary>A signed token for the given subject (Development only; 404 elsewhere).</summary>
    /// <response code="200">The token, when it expires, and a stream URL that carries it.</response>
    /// <response code="400">The subject is not a safe key.</response>
    [HttpPost]
    [ProducesResponseType<DevToken>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Issue([FromBody] IssueDevTokenCommand request, CancellationToken cancellationToken) =>
        Ok(await sender.Send(request, cancellationToken));
}
