namespace JobStream.Application.Streaming.IssueDevToken;

/// <summary>A signed token, when it expires, and a stream URL that carries it.</summary>
public sealed record DevToken(string Token, string TokenType, DateTimeOffset ExpiresAt, string StreamUrl);
