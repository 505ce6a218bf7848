namespace JobStream.Application.Watches;

/// <summary>
/// The one page or API answer a domain's jobs all came from last time, with the validators the site gave
/// it (<c>ETag</c>, <c>Last-Modified</c>): the next run asks for it conditionally, and a 304 means the
/// domain's jobs are as they were, at the cost of that one request.
/// </summary>
public sealed record SiteSource(string Domain, string Url, string? ETag, DateTimeOffset? LastModified);
