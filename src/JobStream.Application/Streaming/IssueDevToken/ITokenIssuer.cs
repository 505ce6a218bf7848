namespace JobStream.Application.Streaming.IssueDevToken;

/// <summary>Signs a token for a subject with the service's secret (the Api's JWT settings).</summary>
public interface ITokenIssuer
{
    (string Token, DateTimeOffset ExpiresAt) Issue(string subject);
}
