using FluentValidation;
using JobStream.Api.Auth;
using JobStream.Application.Streaming;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Issues tokens for trying the authenticated streams. Exists in Development only.</summary>
[ApiController]
[Route("api/v1/dev/token")]
[Tags("Development")]
public sealed class DevTokenController(TokenIssuer issuer, IValidator<DevTokenController.DevTokenRequest> validator, IWebHostEnvironment environment) : ControllerBase
{
    /// <summary>A signed token for the given subject (Development only; 404 elsewhere).</summary>
    /// <response code="200">The token, when it expires, and a stream URL that carries it.</response>
    /// <response code="400">The subject is not a safe key.</response>
    [HttpPost]
    [ProducesResponseType<DevTokenResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Issue([FromBody] DevTokenRequest request, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var (token, expiresAt) = issuer.Issue(request.Sub!);
        return Ok(new DevTokenResponse(token, "Bearer", expiresAt, $"/api/v1/stream?token={token}"));
    }

    public sealed record DevTokenRequest(string? Sub);

    public sealed record DevTokenResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, string StreamUrl);

    public sealed class DevTokenRequestValidator : AbstractValidator<DevTokenRequest>
    {
        public DevTokenRequestValidator()
        {
            RuleFor(request => request.Sub).MustBeSafeKey("sub");
        }
    }
}
