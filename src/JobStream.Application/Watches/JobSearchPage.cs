namespace JobStream.Application.Watches;

/// <summary>One page of search results; <see cref="HasMore"/> says whether the next page has any.</summary>
public sealed record JobSearchPage(IReadOnlyList<StoredJob> Items, int Page, int PageSize, bool HasMore);
