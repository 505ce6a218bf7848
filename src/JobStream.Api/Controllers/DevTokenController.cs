using JobStream.Api.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Issues tokens for trying the authenticated streams. Exists in Development only.</summary>
[ApiController]
[Route("api/v1/dev/token")]
[Tags("Development")]
public sealed class DevTokenController(TokenIssuer issuer, IWebHostEnvironment environment) : ControllerBase
{
    /// <summary>A signed token for the given subject (Development only; 404 elsewhere).</summary>
    [HttpPost]
    [ProducesResponseType<DevTokenResponse>(StatusCodes.Status200OK, "application/json")]
    public IActionResult Issue([FromBody] DevTokenRequest request)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(request.Sub) || !System.Text.RegularExpressions.Regex.IsMatch(request.Sub, Application.Streaming.StreamKeys.SafeKeyPattern))
        {
            ModelState.AddModelError("sub", Application.Streaming.StreamKeys.SafeKeyMessage);
            return ValidationProblem(ModelState);
        }
        var (token, expiresAt) = issuer.Issue(request.Sub);
        return Ok(new DevTokenResponse(token, "Bearer", expiresAt, $"/api/v1/stream?token={token}"));
    }

    public sealed record DevTokenRequest(string? Sub);

    public sealed record DevTokenResponse(string Token, string TokenType, DateTimeOffset ExpiresAt, string StreamUrl);
}
