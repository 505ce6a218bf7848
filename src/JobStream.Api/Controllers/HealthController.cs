using JobStream.Application.Status;
using JobStream.Application.Status.GetServerStatus;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Liveness and server status.</summary>
[ApiController]
[Tags("Health")]
public sealed class HealthController(ISender sender) : ControllerBase
{
    /// <summary>Answers <c>{"status":"ok"}</c> while the process serves requests.</summary>
    [HttpGet("/health")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK, "application/json")]
    public HealthResponse Health() => new("ok");

    /// <summary>Uptime, version, how many streams are open, the stream backplane (memory, or Redis and whether it is reachable), the rendering browser and the runtime's garbage collections.</summary>
    [HttpGet("/status")]
    [ProducesResponseType<ServerStatus>(StatusCodes.Status200OK, "application/json")]
    public async Task<ServerStatus> Status(CancellationToken cancellationToken) => await sender.Send(new GetServerStatusQuery(), cancellationToken);

    public sealed record HealthResponse(string Status);
}
