using JobStream.Application.Errors;
using Mediator;
using Microsoft.Extensions.Hosting;

namespace JobStream.Application.Streaming.IssueDevToken;

/// <summary>A token for trying the authenticated streams, in Development only (elsewhere there is no such thing: 404).</summary>
public sealed record IssueDevTokenCommand(string? Sub) : IRequest<DevToken>;

public sealed class IssueDevTokenCommandHandler(ITokenIssuer issuer, IHostEnvironment environment) : IRequestHandler<IssueDevTokenCommand, DevToken>
{
    public ValueTask<DevToken> Handle(IssueDevTokenCommand request, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            throw new NotFoundException("Tokens are issued here in Development only.");
        }
        var (token, expiresAt) = issuer.Issue(request.Sub!);
        return ValueTask.FromResult(new DevToken(token, "Bearer", expiresAt, $"/api/v1/stream?token={token}"));
    }
}
